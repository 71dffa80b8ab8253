using System.Globalization;
using NbaLake.Ingest;
using NbaLake.Storage;

namespace NbaLake.Transform;

/// <summary>
/// Silver <c>fct_game_details</c> (<c>lake/silver/fct_game_details/season=YYYY/</c>): one row per (<c>game_id</c>,
/// <c>player_id</c>), box scores typed and joined to their game, with <c>won_game</c>. Upstream: bronze
/// <c>game_details</c>, silver <c>games</c>. Partitioned Hive-style by season; <c>season</c> also stays in the files.
/// </summary>
public static class FctGameDetails
{
    public static readonly TableId Table = TableId.Silver("fct_game_details");

    /// <summary>Types each bronze row, joins it to its game, rejects what breaks a rule, then dedupes.</summary>
    public static TableBuild<GameDetailRow> Build(IReadOnlyList<BronzeRow> bronze, IReadOnlyDictionary<int, GameRow> games, SourceOptions options)
    {
        var joined = new List<GameDetailRow>(bronze.Count);
        var rejects = new List<SilverReject>();
        foreach (var row in bronze)
        {
            var parser = new RowParser(Sources.GameDetails, row, options.DateFormats);
            var detail = Parse(parser);
            var reject = parser.Reject ?? Join(detail, games, parser);
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
        var pts = p.Whole("PTS");
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
            Fgm = p.Whole("FGM"),
            Fga = p.Whole("FGA"),
            FgPct = p.Double("FG_PCT"),
            Fg3m = p.Whole("FG3M"),
            Fg3a = p.Whole("FG3A"),
            Fg3Pct = p.Double("FG3_PCT"),
            Ftm = p.Whole("FTM"),
            Fta = p.Whole("FTA"),
            FtPct = p.Double("FT_PCT"),
            Oreb = p.Whole("OREB"),
            Dreb = p.Whole("DREB"),
            Reb = p.Whole("REB"),
            Ast = p.Whole("AST"),
            Stl = p.Whole("STL"),
            Blk = p.Whole("BLK"),
            Turnovers = p.Whole("TO"),
            Pf = p.Whole("PF"),
            Pts = pts,
            PlusMinus = p.Whole("PLUS_MINUS"),
        };
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
