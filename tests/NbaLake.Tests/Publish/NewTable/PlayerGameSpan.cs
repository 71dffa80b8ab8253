using NbaLake.Publish;
using NbaLake.Storage;

namespace NbaLake.Tests.Publish.NewTable;

/// <summary>
/// Gold <c>player_game_span</c> (a table of the tests, added as a contributor adds one: this definition, its row type
/// and its part): per player with a game played, his games played and points, and the dates of his first and last game
/// played. Upstream: silver <c>fct_game_details</c>.
/// </summary>
public static class PlayerGameSpan
{
    public static readonly TableId Table = TableId.Gold("player_game_span");

    /// <summary>The table's definition: grain, key, and its part (<see cref="PlayerGameSpanPart"/>).</summary>
    public static TableDefinition Definition { get; } = GoldTable.FromParts<PlayerGameSpanPart, PlayerGameSpanRow>(Table, typeof(PlayerGameSpan),
        "one row per player with a game played", ["player_id"]);
}
