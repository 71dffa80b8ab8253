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

    /// <summary>The quality rules of silver games (policies: <c>Quality</c> in pipeline.json).</summary>
    public static IReadOnlyList<QualityRule<GameRow>> Rules { get; } =
    [
        QualityRules.UniqueKey<GameRow, int>("games_key_unique", "GAME_ID", g => g.GameId),
        new("team_points_match_players", "a team's points in games equal the sum of its players' points", QualityPolicy.Warn, "PTS_home",
            GroupCheck: TeamPointsMismatches, CanQuarantine: false),
    ];

    private static readonly SourceDefinition S = Sources.Games;
    private static readonly int GameId = S.IndexOf("GAME_ID"), GameDateEst = S.IndexOf("GAME_DATE_EST"), Season = S.IndexOf("SEASON"),
        StatusText = S.IndexOf("GAME_STATUS_TEXT"), HomeTeamId = S.IndexOf("HOME_TEAM_ID"), VisitorTeamId = S.IndexOf("VISITOR_TEAM_ID"),
        PtsHome = S.IndexOf("PTS_home"), PtsAway = S.IndexOf("PTS_away"), HomeTeamWins = S.IndexOf("HOME_TEAM_WINS");

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

    private static IEnumerable<(int Row, string Detail)> TeamPointsMismatches(SilverTables tables, IReadOnlyList<GameRow> games)
    {
        var points = tables.Details.Where(d => d.Pts is not null)
            .GroupBy(d => (d.GameId, d.TeamId)).ToDictionary(g => g.Key, g => g.Sum(d => d.Pts!.Value));
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
