using System.Text.Json;
using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>
/// What the report draws besides the gold tables' rows, published by publish with gold (<c>_meta/views/report.json</c>)
/// from the season parts it has just merged, so that the report reads tables and this view, never publish's cache:
/// each team's distinct games and wins per season, the q4 team's games with its wins over the N games ending at each
/// (the window of team_best_stretch itself, not a copy of it), and the q5 player's games played with points.
/// </summary>
/// <param name="BuiltFrom">The inputs gold.answers was built from: a view whose inputs are not the current answers' belongs to another gold version.</param>
/// <param name="TeamSeasons">Every team's distinct games and wins in each season, by team and season.</param>
/// <param name="StretchTeam">The q4 team, if any team has N games.</param>
/// <param name="StretchGames">That team's games in (game_date, game_id) order.</param>
/// <param name="StreakPlayer">The q5 player, if one has played.</param>
/// <param name="StreakGames">That player's games played in order (seasons where his rows carry the q5 name).</param>
public sealed record ReportView(
    IReadOnlyDictionary<string, string> BuiltFrom,
    IReadOnlyList<ReportView.TeamSeason> TeamSeasons,
    long? StretchTeam,
    IReadOnlyList<ReportView.StretchGame> StretchGames,
    long? StreakPlayer,
    IReadOnlyList<ReportView.PlayerGame> StreakGames)
{
    /// <summary>A team's distinct games and wins in one season, with its abbreviation on its latest game.</summary>
    public sealed record TeamSeason(long TeamId, string? TeamAbbreviation, int Season, int Games, int Wins);

    /// <summary>One game of the q4 team: won or not, and its wins over the N games ending here (null before its N-th game).</summary>
    public sealed record StretchGame(DateOnly Date, int GameId, bool Won, long? WindowWins);

    /// <summary>One game the q5 player played, with his points.</summary>
    public sealed record PlayerGame(DateOnly Date, int GameId, int Points);

    /// <summary>Where the view of a lake is.</summary>
    public static string PathIn(LakeLayout layout) => Path.Combine(layout.Meta, "views", "report.json");

    /// <summary>The lake's view, or null when publish has not written one (or it does not read).</summary>
    public static ReportView? Read(LakeLayout layout)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(PathIn(layout)), PublishJson.Default.ReportView);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The view of the gold just built: the q4 team and q5 player from its answers, their games from the seasons' parts
    /// (a second pass over the cache that reads only the stretch and streak parts), the q4 window slid by
    /// <see cref="TeamBestStretchPart.Window"/>. Null when publish does not build the tables it reads.
    /// </summary>
    internal static ReportView? Build(SeasonPartCache cache, StepContext step, GoldRows gold, LatestNames names)
    {
        if (!step.Tables.Any(t => t.Part == typeof(TeamBestStretchPart)) || !step.Tables.Any(t => t.Part == typeof(PlayerScoringStreaksPart))
            || !step.Inputs.TryGetValue(Answers.Table, out var builtFrom))
        {
            return null;
        }
        var answers = gold.Of<AnswerRow>(Answers.Table);
        var stretchTeam = answers.FirstOrDefault(a => a.QuestionId == "q4")?.TeamId;
        var streakPlayer = answers.FirstOrDefault(a => a.QuestionId == "q5")?.PlayerId;
        var counts = new Dictionary<(long Team, int Season), (int Games, int Wins)>();
        var window = new TeamBestStretchPart.Window(gold.Options.StretchGames);
        var stretch = new List<StretchGame>();
        var streak = new List<PlayerGame>();
        cache.ForEach(season =>
        {
            foreach (var (team, games) in season.Part<TeamBestStretchPart>().Teams)
            {
                foreach (var game in games)
                {
                    var (played, wins) = counts.GetValueOrDefault((team, game.Season));
                    counts[(team, game.Season)] = (played + 1, wins + (game.Won ? 1 : 0));
                    if (team == stretchTeam)
                    {
                        window.Add(game.Date, game.Won);
                        stretch.Add(new StretchGame(game.Date, game.GameId, game.Won, window.Games >= gold.Options.StretchGames ? window.Wins : null));
                    }
                }
            }
            if (streakPlayer is { } player && season.Part<PlayerScoringStreaksPart>().Named.TryGetValue(player, out var gamesPlayed))
            {
                streak.AddRange(gamesPlayed.Select(g => new PlayerGame(g.Date, g.GameId, g.Points)));
            }
        }, read: t => t.Part == typeof(TeamBestStretchPart) || t.Part == typeof(PlayerScoringStreaksPart));
        return new ReportView(builtFrom,
            [.. counts.OrderBy(c => c.Key.Team).ThenBy(c => c.Key.Season)
                .Select(c => new TeamSeason(c.Key.Team, names.TeamAbbreviations.GetValueOrDefault(c.Key.Team), c.Key.Season, c.Value.Games, c.Value.Wins))],
            stretchTeam, stretch, streakPlayer, streak);
    }

    /// <summary>Writes the view (to a temporary file, then renamed over the last one).</summary>
    internal void Write(LakeLayout layout)
    {
        var path = PathIn(layout);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this, PublishJson.Default.ReportView));
        File.Move(temp, path, overwrite: true);
    }
}
