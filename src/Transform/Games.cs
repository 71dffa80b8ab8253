using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform.Quality;

namespace NbaLake.Transform;

/// <summary>
/// Silver <c>games</c> (<c>lake/silver/games/</c>): one row per <c>game_id</c>, typed from bronze games, the latest
/// batch (then line) winning a duplicate id. Upstream: bronze <c>games</c>.
/// </summary>
public static class Games
{
    public static readonly TableId Table = TableId.Silver("games");

    /// <summary>The catalog entry: grain, key and upstream.</summary>
    public static TableDefinition Definition { get; } =
        new(Table, typeof(Games), typeof(GameRow), "one row per game", ["game_id"], ["bronze.games"]);

    /// <summary>The quality rules of silver games (policies: <c>Quality</c> in pipeline.json).</summary>
    public static IReadOnlyList<QualityRule<GameRow>> Rules { get; } =
    [
        QualityRules.UniqueKey<GameRow, int>("games_key_unique", "GAME_ID", g => g.GameId),
        new("team_points_match_players", "a team's points in games equal the sum of its players' points", QualityPolicy.Warn, "PTS_home",
            TeamPointsMismatches, CanQuarantine: false),
    ];

    /// <summary>Types, checks and dedupes every bronze games row.</summary>
    public static TableBuild<GameRow> Build(IReadOnlyList<BronzeRow> bronze, SourceOptions options)
    {
        var typed = new List<GameRow>(bronze.Count);
        var rejects = new List<SilverReject>();
        foreach (var row in bronze)
        {
            var parser = new RowParser(Sources.Games, row, options);
            var game = Parse(parser);
            game.Source = row;
            if (parser.Reject is { } reject)
            {
                rejects.Add(reject);
            }
            else
            {
                typed.Add(game);
            }
        }
        var (kept, dropped) = Dedupe.LastWins(typed, g => g.GameId);
        kept.Sort((a, b) => a.GameId.CompareTo(b.GameId));
        return new TableBuild<GameRow>(Sources.Games.Name, bronze.Count, kept, rejects, dropped);
    }

    private static GameRow Parse(RowParser p)
    {
        var gameId = p.KeyInt32("GAME_ID");
        return new GameRow
        {
            GameId = gameId,
            GameDate = p.Date("GAME_DATE_EST", required: true) ?? default,
            Season = p.Whole("SEASON", required: true) ?? 0,
            SeasonType = SeasonTypes.Of(gameId),
            GameStatusText = p.Text("GAME_STATUS_TEXT"),
            HomeTeamId = p.Int64("HOME_TEAM_ID", required: true) ?? 0,
            VisitorTeamId = p.Int64("VISITOR_TEAM_ID", required: true) ?? 0,
            PtsHome = p.Whole("PTS_home"),
            PtsAway = p.Whole("PTS_away"),
            HomeTeamWins = p.ZeroOne("HOME_TEAM_WINS", required: true) ?? false,
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

    /// <summary>The table's single file.</summary>
    public static IReadOnlyList<TableFile> Files(IReadOnlyCollection<GameRow> rows) => [ParquetRows.File("part-00000.parquet", rows)];
}
