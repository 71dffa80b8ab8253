using System.Globalization;
using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform.Quality;

namespace NbaLake.Transform;

/// <summary>
/// Silver <c>fct_game_details</c> (<c>lake/silver/fct_game_details/season=YYYY/</c>): one row per (<c>game_id</c>,
/// <c>player_id</c>), box scores typed and joined to their game, with <c>won_game</c>. Upstream: bronze
/// <c>game_details</c>, silver <c>games</c>. Partitioned Hive-style by season; <c>season</c> also stays in the files.
/// </summary>
public static class FctGameDetails
{
    public static readonly TableId Table = TableId.Silver("fct_game_details");

    /// <summary>The catalog entry: grain, key and upstream.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(FctGameDetails), typeof(GameDetailRow),
        "one row per player per game", ["game_id", "player_id"], ["bronze.game_details", "silver.games"], PartitionBy: "season");

    /// <summary>The quality rules of silver fct_game_details (policies: <c>Quality</c> in pipeline.json).</summary>
    public static IReadOnlyList<QualityRule<GameDetailRow>> Rules { get; } =
    [
        QualityRules.UniqueKey<GameDetailRow, (int, long)>("details_key_unique", "GAME_ID, PLAYER_ID", d => (d.GameId, d.PlayerId)),
        new("details_game_and_team_exist", "every row's game is in silver games and its team played it", QualityPolicy.Fail, "GAME_ID", GameAndTeamMissing),
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

    /// <summary>Types each bronze row, joins it to its game, rejects what breaks a rule, then dedupes.</summary>
    public static TableBuild<GameDetailRow> Build(IReadOnlyList<BronzeRow> bronze, IReadOnlyDictionary<int, GameRow> games, SourceOptions options)
    {
        // Typing and joining a row reads nothing but the row and games: done on every core, in input order.
        var typed = bronze.AsParallel().AsOrdered().Select(row =>
        {
            var parser = new RowParser(Sources.GameDetails, row, options);
            var detail = Parse(parser);
            detail.Source = row;
            return (Detail: detail, Reject: parser.Reject ?? Join(detail, games, parser));
        }).ToList();
        var joined = new List<GameDetailRow>(bronze.Count);
        var rejects = new List<SilverReject>();
        foreach (var (detail, reject) in typed)
        {
            if (reject is not null)
            {
                rejects.Add(reject);
            }
            else
            {
                joined.Add(detail);
            }
        }
        var (kept, dropped) = Dedupe.LastWins(joined, d => (d.GameId, d.PlayerId));
        kept.Sort(static (a, b) => a.GameId != b.GameId ? a.GameId.CompareTo(b.GameId) : a.PlayerId.CompareTo(b.PlayerId));
        return new TableBuild<GameDetailRow>(Sources.GameDetails.Name, bronze.Count, kept, rejects, dropped);
    }

    /// <summary>
    /// One file per season partition, in season order. With no rows at all, one empty file at the table root, so the
    /// table still has a schema that readers can glob.
    /// </summary>
    public static IReadOnlyList<TableFile> Files(IReadOnlyList<GameDetailRow> rows) =>
        rows.Count == 0
            ? [ParquetRows.File("part-00000.parquet", rows)]
            : [.. rows.GroupBy(r => r.Season).OrderBy(g => g.Key)
                .Select(g => ParquetRows.File(string.Create(CultureInfo.InvariantCulture, $"season={g.Key}/part-00000.parquet"), g.ToList()))];

    private static GameDetailRow Parse(RowParser p)
    {
        var pts = p.Count("PTS");
        return new GameDetailRow
        {
            GameId = p.KeyInt32("GAME_ID"),
            TeamId = p.KeyInt64("TEAM_ID"),
            PlayerId = p.KeyInt64("PLAYER_ID"),
            TeamAbbreviation = p.Text("TEAM_ABBREVIATION"),
            TeamCity = p.Text("TEAM_CITY"),
            PlayerName = p.Text("PLAYER_NAME"),
            Nickname = p.Text("NICKNAME"),
            StartPosition = p.Text("START_POSITION"),
            Comment = p.Text("COMMENT"),
            DidPlay = p.Text("PTS") is not null,
            Minutes = p.Minutes("MIN"),
            Fgm = p.Count("FGM"),
            Fga = p.Count("FGA"),
            FgPct = p.Double("FG_PCT"),
            Fg3m = p.Count("FG3M"),
            Fg3a = p.Count("FG3A"),
            Fg3Pct = p.Double("FG3_PCT"),
            Ftm = p.Count("FTM"),
            Fta = p.Count("FTA"),
            FtPct = p.Double("FT_PCT"),
            Oreb = p.Count("OREB"),
            Dreb = p.Count("DREB"),
            Reb = p.Count("REB"),
            Ast = p.Count("AST"),
            Stl = p.Count("STL"),
            Blk = p.Count("BLK"),
            Turnovers = p.Count("TO"),
            Pf = p.Count("PF"),
            Pts = pts,
            PlusMinus = p.Whole("PLUS_MINUS"),
        };
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

    /// <summary>Fills the game's columns and <c>won_game</c>; a reject when the game or the team does not fit.</summary>
    private static SilverReject? Join(GameDetailRow detail, IReadOnlyDictionary<int, GameRow> games, RowParser parser)
    {
        if (!games.TryGetValue(detail.GameId, out var game))
        {
            return parser.NewReject(SilverReject.UnknownGame, "GAME_ID", "no game with this id in silver games; the row is admitted when its game arrives");
        }
        var isHome = detail.TeamId == game.HomeTeamId;
        if (!isHome && detail.TeamId != game.VisitorTeamId)
        {
            return parser.NewReject(SilverReject.TeamNotInGame, "TEAM_ID",
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
}
