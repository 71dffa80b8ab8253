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

    /// <summary>The table's definition: grain, key, and its part (<see cref="TeamBestStretchPart"/>).</summary>
    public static TableDefinition Definition { get; } = GoldTable.FromParts<TeamBestStretchPart, TeamBestStretchRow>(Table, typeof(TeamBestStretch),
        "one row per team with at least N games", ["team_id"]);
}
