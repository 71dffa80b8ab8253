using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform.Quality;

namespace NbaLake.Transform;

/// <summary>
/// Silver <c>games</c> (<c>lake/silver/games/</c>): one row per <c>game_id</c>, typed from bronze games, the latest
/// batch (then line) winning a duplicate id. One file per game bucket (<c>part-g1900.parquet</c>), sorted by game_id.
/// Upstream: bronze <c>games</c>.
/// </summary>
public static class Games
{
    public static readonly TableId Table = TableId.Silver("games");

    /// <summary>The table's definition: grain, key, upstream, partitioning, rules and build step.</summary>
    public static TableDefinition Definition => new(Table, typeof(Games), typeof(GameRow), "one row per game", ["game_id"], [TableId.Bronze("games")],
        CommitMode.ReplacePartitions, typeof(TransformStage), PartitionBy: "game bucket (file name)", Rules: [.. Rules.Select(r => r.Note)]);

    /// <summary>The day of the league's first game (BAA, New York at Toronto, 1 November 1946): no game is older.</summary>
    public static readonly DateOnly FirstGameDay = new(1946, 11, 1);

    /// <summary>
    /// The quality rules of silver games (policies: <c>Quality</c> in pipeline.json). The per-row rules run before box
    /// scores are joined, so the box scores of a quarantined game are <c>unknown_game</c> (docs/decisions.md).
    /// </summary>
    public static IReadOnlyList<QualityRule<GameRow>> Rules { get; } =
    [
        QualityRules.UniqueKey<GameRow, int>("games_key_unique", "GAME_ID", g => g.GameId),
        QualityRules.EveryColumn<GameRow>("game_ids_positive", "game_id, home_team_id and visitor_team_id are above 0", QualityPolicy.Quarantine,
            [("GAME_ID", g => g.GameId), ("HOME_TEAM_ID", g => g.HomeTeamId), ("VISITOR_TEAM_ID", g => g.VisitorTeamId)], id => id <= 0,
            (g, column, id) => FormattableString.Invariant($"game {g.GameId}: {column.ToLowerInvariant()} {id} is not above 0")),
        QualityRules.PerRow<GameRow>("teams_differ", "the home team is not the visitor team", QualityPolicy.Quarantine, "VISITOR_TEAM_ID",
            g => g.HomeTeamId == g.VisitorTeamId
                ? FormattableString.Invariant($"game {g.GameId} ({g.GameDate:yyyy-MM-dd}): team {g.HomeTeamId} is both the home and the visitor team")
                : null),
        QualityRules.PerRow<GameRow>("game_date_plausible",
            "game_date from 1946-11-01 (the league's first game) to a year after the day the row was ingested (the date its _batch_id starts with)",
            QualityPolicy.Quarantine, "GAME_DATE_EST", ImplausibleDate),
        QualityRules.PerRow<GameRow>("season_matches_date", "game_date from September 1 of season to October 31 of season + 1", QualityPolicy.Warn, "SEASON",
            SeasonMismatch),
        QualityRules.EveryColumn<GameRow>("team_points_not_negative", "pts_home and pts_away are 0 or more", QualityPolicy.Quarantine,
            [("PTS_home", g => g.PtsHome), ("PTS_away", g => g.PtsAway)], pts => pts < 0,
            (g, column, pts) => FormattableString.Invariant($"game {g.GameId} ({g.GameDate:yyyy-MM-dd}): {column.ToLowerInvariant()} {pts} is negative")),
        new("team_points_match_players", "a team's points in games equal the sum of its players' points", QualityPolicy.Warn, "PTS_home",
            GroupCheck: TeamPointsMismatches, CanQuarantine: false),
    ];

    private static readonly SourceDefinition Source = Sources.Games;
    private static readonly int GameId = Source.IndexOf("GAME_ID"), GameDateEst = Source.IndexOf("GAME_DATE_EST"), Season = Source.IndexOf("SEASON"),
        StatusText = Source.IndexOf("GAME_STATUS_TEXT"), HomeTeamId = Source.IndexOf("HOME_TEAM_ID"), VisitorTeamId = Source.IndexOf("VISITOR_TEAM_ID"),
        PtsHome = Source.IndexOf("PTS_home"), PtsAway = Source.IndexOf("PTS_away"), HomeTeamWins = Source.IndexOf("HOME_TEAM_WINS");

    /// <summary>Types the row the parser stands on (the parser remembers the first rule it breaks).</summary>
    internal static GameRow Parse(RowParser p)
    {
        var gameId = p.KeyInt32(GameId);
        return new GameRow
        {
            GameId = gameId,
            GameDate = p.Date(GameDateEst, required: true) ?? default,
            Season = p.Whole(Season, required: true) ?? 0,
            SeasonType = SeasonTypes.Of(gameId),
            GameStatusText = p.Text(StatusText),
            HomeTeamId = p.Int64(HomeTeamId, required: true) ?? 0,
            VisitorTeamId = p.Int64(VisitorTeamId, required: true) ?? 0,
            PtsHome = p.Whole(PtsHome),
            PtsAway = p.Whole(PtsAway),
            HomeTeamWins = p.ZeroOne(HomeTeamWins, required: true) ?? false,
        };
    }

    /// <summary>
    /// A date before the league's first game, or more than a year after the day the row was ingested. The upper bound
    /// comes from the row's own lineage, not from the clock of the run that builds silver, so silver stays a function
    /// of bronze (a bucket rebuilt years later judges its rows as before); a batch id without a date sets no upper bound.
    /// </summary>
    private static string? ImplausibleDate(GameRow g)
    {
        if (g.GameDate < FirstGameDay)
        {
            return FormattableString.Invariant($"game {g.GameId}: game_date {g.GameDate:yyyy-MM-dd} is before the league's first game (1946-11-01)");
        }
        return RunId.Day(g.BatchId) is { } ingested && g.GameDate > ingested.AddYears(1)
            ? FormattableString.Invariant($"game {g.GameId}: game_date {g.GameDate:yyyy-MM-dd} is more than a year after the row was ingested ({ingested:yyyy-MM-dd})")
            : null;
    }

    /// <summary>
    /// A date outside the season's window: September 1 of the start year to October 31 of the next (the 2019-20
    /// season ended on 2020-10-11 in the bubble; 2020-21 started in December 2020). Compared as yyyymmdd numbers, since
    /// a wrong season need not be a year a date can hold.
    /// </summary>
    private static string? SeasonMismatch(GameRow g)
    {
        var day = g.GameDate.Year * 10_000L + g.GameDate.Month * 100 + g.GameDate.Day;
        return day < g.Season * 10_000L + 901 || day > (g.Season + 1L) * 10_000 + 1031
            ? FormattableString.Invariant($"game {g.GameId}: game_date {g.GameDate:yyyy-MM-dd} is not in season {g.Season}, which runs from September 1, {g.Season} to October 31, {g.Season + 1L}")
            : null;
    }

    private static IEnumerable<(int Row, string Detail)> TeamPointsMismatches(SilverTables tables, IReadOnlyList<GameRow> games)
    {
        // One pass adding into a dictionary (a grouping would hold every box score of the bucket in lists first).
        var points = new Dictionary<(int GameId, long TeamId), int>(games.Count * 2);
        foreach (var d in tables.Details)
        {
            if (d.Pts is { } pts)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(points, (d.GameId, d.TeamId), out _) += pts;
            }
        }
        for (var i = 0; i < games.Count; i++)
        {
            var g = games[i];
            foreach (var (team, side, pts) in new[] { (g.HomeTeamId, "home", g.PtsHome), (g.VisitorTeamId, "away", g.PtsAway) })
            {
                if (pts is { } teamPoints && points.TryGetValue((g.GameId, team), out var players) && players != teamPoints)
                {
                    yield return (i, FormattableString.Invariant(
                        $"game {g.GameId} ({g.GameDate:yyyy-MM-dd}): the {side} team {team} scored {teamPoints} but its players' points add up to {players}"));
                    break;
                }
            }
        }
    }
}
