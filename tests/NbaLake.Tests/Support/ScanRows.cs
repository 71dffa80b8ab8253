using System.Globalization;
using NbaLake.Publish;

namespace NbaLake.Tests.Support;

/// <summary>
/// Builders for silver box-score rows as gold reads them (<see cref="ScanRow"/>), for the unit tests of gold's parts:
/// a row is its defaults with a few fields changed.
/// </summary>
public static class ScanRows
{
    /// <summary>
    /// Player <paramref name="player"/> of team <paramref name="team"/> in game <paramref name="game"/> on
    /// <paramref name="date"/> (yyyy-MM-dd): played, scored <paramref name="pts"/>, his team won. The season is the
    /// one the date falls in (September on); the names are "Player &lt;id&gt;" and "T&lt;id&gt;".
    /// </summary>
    public static ScanRow Row(string date, int game, long team = 1, long player = 1, int? pts = 20, bool won = true, bool played = true,
        string? name = null, string? abbreviation = null, int? season = null)
    {
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ScanRow(game, day, season ?? (day.Month >= 9 ? day.Year : day.Year - 1), "Regular Season", team, abbreviation ?? $"T{team}",
            player, name ?? $"Player {player}", played, played ? pts : null, won);
    }

    /// <summary>
    /// One row per game of <paramref name="team"/> (its player 1), the results written as a string of W and L: the
    /// games two days apart from <paramref name="first"/>, ids counting up from <paramref name="firstGame"/>.
    /// </summary>
    public static ScanRow[] Results(long team, string first, string results, int firstGame)
    {
        var day = DateOnly.ParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return [.. results.Select((r, i) => Row(day.AddDays(2 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), firstGame + i, team, won: r == 'W'))];
    }

    /// <summary>
    /// One row per game of player 1 (team 1), his points given in order (null: he did not play): the games two days
    /// apart from <paramref name="first"/>, ids counting up from <paramref name="firstGame"/>.
    /// </summary>
    public static ScanRow[] Points(string first, int firstGame, params int?[] points)
    {
        var day = DateOnly.ParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return [.. points.Select((p, i) => Row(day.AddDays(2 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), firstGame + i, pts: p, played: p is not null))];
    }

    /// <summary>The rows in the order silver hands them to gold: (game_date, game_id, player_id).</summary>
    public static ScanRow[] InOrder(IEnumerable<ScanRow> rows)
    {
        var sorted = rows.ToList();
        SilverSeason.Sort(sorted);
        return [.. sorted];
    }

    /// <summary>The latest names over the seasons, as gold keeps them.</summary>
    public static LatestNames Names(IEnumerable<IEnumerable<ScanRow>> seasons)
    {
        var names = new LatestNames();
        foreach (var season in seasons)
        {
            var part = new LatestNames();
            foreach (var row in season)
            {
                part.Add(row);
            }
            names.Merge(part);
        }
        return names;
    }

    /// <summary>A date as the tests write it.</summary>
    public static string Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "null";
}
