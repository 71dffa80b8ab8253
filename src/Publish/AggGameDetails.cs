using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>agg_game_details</c>: the homework's GROUPING SETS in one table — (player_id, team_id) as
/// <c>player_team</c>, (player_id, season) as <c>player_season</c>, (team_id) as <c>team</c>. A dimension outside
/// the row's set is null. Upstream: silver <c>fct_game_details</c>. SQL twin: <c>sql/gold/agg_game_details.sql</c>.
/// </summary>
public static class AggGameDetails
{
    public static readonly TableId Table = TableId.Gold("agg_game_details");

    /// <summary>The catalog entry: grain, key and upstream.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(AggGameDetails), typeof(AggGameDetailsRow),
        "one row per group of one grouping set", ["agg_level", "player_id", "team_id", "season"], ["silver.fct_game_details"]);

    public const string PlayerTeam = "player_team";
    public const string PlayerSeason = "player_season";
    public const string Team = "team";

    public static List<AggGameDetailsRow> Build(GoldInput input)
    {
        var rows = new List<AggGameDetailsRow>();
        rows.AddRange(PlayerGroups(input, PlayerTeam, r => (r.PlayerId, r.TeamId)));
        rows.AddRange(PlayerGroups(input, PlayerSeason, r => (r.PlayerId, (long)r.Season)));
        rows.AddRange(TeamGroups(input));
        return rows;
    }

    private static IEnumerable<AggGameDetailsRow> PlayerGroups(GoldInput input, string level, Func<GameDetailRow, (long Player, long Other)> key) =>
        input.Rows.GroupBy(key).OrderBy(g => g.Key.Player).ThenBy(g => g.Key.Other).Select(g => new AggGameDetailsRow
        {
            AggLevel = level,
            PlayerId = g.Key.Player,
            PlayerName = input.PlayerNames[g.Key.Player],
            TeamId = level == PlayerTeam ? g.Key.Other : null,
            TeamAbbreviation = level == PlayerTeam ? input.TeamAbbreviations[g.Key.Other] : null,
            Season = level == PlayerSeason ? (int)g.Key.Other : null,
            GamesPlayed = g.Count(r => r.DidPlay),
            GamesWon = g.Count(r => r.DidPlay && r.WonGame),
            TotalPts = g.Sum(r => (long)(r.Pts ?? 0)),
        });

    private static IEnumerable<AggGameDetailsRow> TeamGroups(GoldInput input) =>
        input.Rows.GroupBy(r => r.TeamId).OrderBy(g => g.Key).Select(g => new AggGameDetailsRow
        {
            AggLevel = Team,
            TeamId = g.Key,
            TeamAbbreviation = input.TeamAbbreviations[g.Key],
            GamesPlayed = g.Select(r => r.GameId).Distinct().Count(),
            GamesWon = g.Where(r => r.WonGame).Select(r => r.GameId).Distinct().Count(),
            TotalPts = g.Sum(r => (long)(r.Pts ?? 0)),
        });
}
