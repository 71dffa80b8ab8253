using System.Globalization;
using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform.Quality;

namespace NbaLake.Transform;

/// <summary>
/// Silver <c>fct_game_details</c> (<c>lake/silver/fct_game_details/season=YYYY/</c>): one row per (<c>game_id</c>,
/// <c>player_id</c>), box scores typed and joined to their game, with <c>won_game</c>. Upstream: bronze
/// <c>game_details</c>, silver <c>games</c>. Partitioned Hive-style by season, one file per game bucket
/// (<c>season=2019/part-g1900.parquet</c>), sorted by (game_id, player_id); <c>season</c> also stays in the files.
/// </summary>
public static class FctGameDetails
{
    public static readonly TableId Table = TableId.Silver("fct_game_details");

    /// <summary>The table's definition: grain, key, upstream, partitioning, rules and build step.</summary>
    public static TableDefinition Definition => new(Table, typeof(FctGameDetails), typeof(GameDetailRow),
        "one row per player per game", ["game_id", "player_id"], [TableId.Bronze("game_details"), Games.Table], CommitMode.ReplacePartitions,
        typeof(TransformStage), PartitionBy: "season", Rules: [.. Rules.Select(r => r.Note)]);

    /// <summary>The quality rules of silver fct_game_details (policies: <c>Quality</c> in pipeline.json).</summary>
    public static IReadOnlyList<QualityRule<GameDetailRow>> Rules { get; } =
    [
        QualityRules.UniqueKey<GameDetailRow, (int, long)>("details_key_unique", "GAME_ID, PLAYER_ID", d => (d.GameId, d.PlayerId)),
        new("details_game_and_team_exist", "every row's game is in silver games and its team played it", QualityPolicy.Fail, "GAME_ID",
            GroupCheck: GameAndTeamMissing),
        QualityRules.EveryColumn<GameDetailRow>("detail_ids_positive", "game_id, team_id and player_id are above 0", QualityPolicy.Quarantine,
            [("GAME_ID", d => d.GameId), ("TEAM_ID", d => d.TeamId), ("PLAYER_ID", d => d.PlayerId)], id => id <= 0,
            (d, column, id) => FormattableString.Invariant($"game {d.GameId}, player {d.PlayerId}: {column.ToLowerInvariant()} {id} is not above 0")),
        Range("fg_pct_in_range", "FG_PCT", d => d.FgPct, 0, 1),
        Range("fg3_pct_in_range", "FG3_PCT", d => d.Fg3Pct, 0, 1),
        Range("ft_pct_in_range", "FT_PCT", d => d.FtPct, 0, 1),
        Range("minutes_in_range", "MIN", d => d.Minutes, 0, 70),
        Range("points_in_range", "PTS", d => d.Pts, 0, 100),
        QualityRules.PerRow<GameDetailRow>("points_add_up", "pts = 2*fgm + fg3m + ftm where all four are present", QualityPolicy.Warn, "PTS",
            d => d is { Pts: { } pts, Fgm: { } fgm, Fg3m: { } fg3m, Ftm: { } ftm } && pts != 2 * fgm + fg3m + ftm
                ? FormattableString.Invariant($"game {d.GameId}, player {d.PlayerId}: pts {pts} but 2*{fgm} + {fg3m} + {ftm} = {2 * fgm + fg3m + ftm}")
                : null),
    ];

    private static readonly SourceDefinition Source = Sources.GameDetails;
    private static readonly int GameId = Source.IndexOf("GAME_ID"), TeamId = Source.IndexOf("TEAM_ID"), PlayerId = Source.IndexOf("PLAYER_ID"),
        TeamAbbreviation = Source.IndexOf("TEAM_ABBREVIATION"), TeamCity = Source.IndexOf("TEAM_CITY"), PlayerName = Source.IndexOf("PLAYER_NAME"),
        Nickname = Source.IndexOf("NICKNAME"), StartPosition = Source.IndexOf("START_POSITION"), Comment = Source.IndexOf("COMMENT"), Min = Source.IndexOf("MIN"),
        Fgm = Source.IndexOf("FGM"), Fga = Source.IndexOf("FGA"), FgPct = Source.IndexOf("FG_PCT"), Fg3m = Source.IndexOf("FG3M"), Fg3a = Source.IndexOf("FG3A"),
        Fg3Pct = Source.IndexOf("FG3_PCT"), Ftm = Source.IndexOf("FTM"), Fta = Source.IndexOf("FTA"), FtPct = Source.IndexOf("FT_PCT"), Oreb = Source.IndexOf("OREB"),
        Dreb = Source.IndexOf("DREB"), Reb = Source.IndexOf("REB"), Ast = Source.IndexOf("AST"), Stl = Source.IndexOf("STL"), Blk = Source.IndexOf("BLK"),
        To = Source.IndexOf("TO"), Pf = Source.IndexOf("PF"), Pts = Source.IndexOf("PTS"), PlusMinus = Source.IndexOf("PLUS_MINUS");

    /// <summary>Types the row the parser stands on.</summary>
    internal static GameDetailRow Parse(RowParser p) => new()
    {
        GameId = p.KeyInt32(GameId),
        TeamId = p.KeyInt64(TeamId),
        PlayerId = p.KeyInt64(PlayerId),
        TeamAbbreviation = p.Text(TeamAbbreviation),
        TeamCity = p.Text(TeamCity),
        PlayerName = p.Text(PlayerName),
        Nickname = p.Text(Nickname),
        StartPosition = p.Text(StartPosition),
        Comment = p.Text(Comment),
        DidPlay = p.Text(Pts) is not null,
        Minutes = p.Minutes(Min),
        Fgm = p.Count(Fgm),
        Fga = p.Count(Fga),
        FgPct = p.Double(FgPct),
        Fg3m = p.Count(Fg3m),
        Fg3a = p.Count(Fg3a),
        Fg3Pct = p.Double(Fg3Pct),
        Ftm = p.Count(Ftm),
        Fta = p.Count(Fta),
        FtPct = p.Double(FtPct),
        Oreb = p.Count(Oreb),
        Dreb = p.Count(Dreb),
        Reb = p.Count(Reb),
        Ast = p.Count(Ast),
        Stl = p.Count(Stl),
        Blk = p.Count(Blk),
        Turnovers = p.Count(To),
        Pf = p.Count(Pf),
        Pts = p.Count(Pts),
        PlusMinus = p.Whole(PlusMinus),
    };

    /// <summary>
    /// Fills the game's columns and <c>won_game</c>; a reject when the game or the team does not fit.
    /// <paramref name="quarantined"/> are the ids of games a quality rule kept out of silver games (their box scores are
    /// unknown_game too, with a detail that says why).
    /// </summary>
    internal static SilverReject? Join(GameDetailRow detail, IReadOnlyDictionary<int, GameRow> games, IReadOnlySet<int> quarantined, RowParser parser)
    {
        if (!games.TryGetValue(detail.GameId, out var game))
        {
            return parser.NewReject(SilverReject.UnknownGame, GameId, quarantined.Contains(detail.GameId)
                ? "its game is in silver/_rejects (a quality rule quarantined it); the row is admitted when a corrected game arrives"
                : "no game with this id in silver games; the row is admitted when its game arrives");
        }
        var isHome = detail.TeamId == game.HomeTeamId;
        if (!isHome && detail.TeamId != game.VisitorTeamId)
        {
            return parser.NewReject(SilverReject.TeamNotInGame, TeamId,
                string.Create(CultureInfo.InvariantCulture, $"the game's teams are {game.HomeTeamId} (home) and {game.VisitorTeamId} (visitor)"));
        }
        detail.GameDate = game.GameDate;
        detail.Season = game.Season;
        detail.SeasonType = game.SeasonType;
        detail.IsHome = isHome;
        detail.OpponentTeamId = isHome ? game.VisitorTeamId : game.HomeTeamId;
        detail.WonGame = isHome ? game.HomeTeamWins : !game.HomeTeamWins;
        return null;
    }

    private static QualityRule<GameDetailRow> Range(string name, string column, Func<GameDetailRow, double?> value, double min, double max) =>
        QualityRules.PerRow<GameDetailRow>(name, FormattableString.Invariant($"{column.ToLowerInvariant()} between {min} and {max}"), QualityPolicy.Quarantine, column,
            d => value(d) is { } v && (v < min || v > max)
                ? FormattableString.Invariant($"game {d.GameId}, player {d.PlayerId}: {column.ToLowerInvariant()} {v} is outside {min}..{max}")
                : null);

    private static IEnumerable<(int Row, string Detail)> GameAndTeamMissing(SilverTables tables, IReadOnlyList<GameDetailRow> details)
    {
        var games = tables.Games.ToDictionary(g => g.GameId);
        for (var i = 0; i < details.Count; i++)
        {
            var d = details[i];
            if (!games.TryGetValue(d.GameId, out var g) || (d.TeamId != g.HomeTeamId && d.TeamId != g.VisitorTeamId))
            {
                yield return (i, FormattableString.Invariant($"game {d.GameId}, team {d.TeamId}: not a game of silver games, or not that team's"));
            }
        }
    }
}
