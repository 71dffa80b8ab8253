using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>agg_game_details</c>: the homework's GROUPING SETS in one table — (player_id, team_id) as
/// <c>player_team</c>, (player_id, season) as <c>player_season</c>, (team_id) as <c>team</c>. A dimension outside
/// the row's set is null. Upstream: silver <c>fct_game_details</c>. SQL twin: <c>sql/gold/agg_game_details.sql</c>.
/// </summary>
public static class AggGameDetails
{
    public static readonly TableId Table = TableId.Gold("agg_game_details");

    /// <summary>The table's definition: grain, key, and its part (<see cref="AggGameDetailsPart"/>).</summary>
    public static TableDefinition Definition { get; } = GoldTable.FromParts<AggGameDetailsPart, AggGameDetailsRow>(Table, typeof(AggGameDetails),
        "one row per group of one grouping set", ["agg_level", "player_id", "team_id", "season"]);

    public const string PlayerTeam = "player_team";
    public const string PlayerSeason = "player_season";
    public const string Team = "team";
}
