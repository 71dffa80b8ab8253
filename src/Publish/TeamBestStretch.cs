using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>team_best_stretch</c>: per team with at least N games, the most wins in N consecutive games. A team's
/// games are its distinct games in (game_date, game_id) order, across season boundaries; a tie goes to the earliest
/// window. Upstream: silver <c>fct_game_details</c>. SQL twin: <c>sql/gold/team_best_stretch.sql</c>.
/// </summary>
public static class TeamBestStretch
{
    public static readonly TableId Table = TableId.Gold("team_best_stretch");

    /// <summary>The catalog entry: grain, key and upstream.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(TeamBestStretch), typeof(TeamBestStretchRow),
        "one row per team with at least N games", ["team_id"], ["silver.fct_game_details"]);

    public static List<TeamBestStretchRow> Build(GoldInput input, int stretchGames)
    {
        var rows = new List<TeamBestStretchRow>();
        foreach (var team in input.Rows.GroupBy(r => r.TeamId).OrderBy(g => g.Key))
        {
            var games = team
                .DistinctBy(r => r.GameId)
                .OrderBy(r => r.GameDate).ThenBy(r => r.GameId)
                .Select(r => (r.GameDate, Won: r.WonGame ? 1L : 0L))
                .ToList();
            if (games.Count < stretchGames)
            {
                continue;
            }
            var (bestWins, bestStart) = BestWindow(games.Select(g => g.Won).ToList(), stretchGames);
            rows.Add(new TeamBestStretchRow
            {
                TeamId = team.Key,
                TeamAbbreviation = input.TeamAbbreviations[team.Key],
                StretchGames = stretchGames,
                BestWins = bestWins,
                StretchStartDate = games[bestStart].GameDate,
                StretchEndDate = games[bestStart + stretchGames - 1].GameDate,
            });
        }
        return rows;
    }

    /// <summary>The largest sum of <paramref name="n"/> consecutive values and where its earliest window starts.</summary>
    private static (long Sum, int Start) BestWindow(List<long> values, int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += values[i];
        }
        var (best, start) = (sum, 0);
        for (var i = n; i < values.Count; i++)
        {
            sum += values[i] - values[i - n];
            if (sum > best)
            {
                (best, start) = (sum, i - n + 1);
            }
        }
        return (best, start);
    }
}
