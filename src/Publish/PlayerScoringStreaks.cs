using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>player_scoring_streaks</c>: per player with a game played, the longest run of consecutive games played
/// with pts &gt; T, in (game_date, game_id) order. Games not played neither extend nor break a streak; a tie goes to
/// the earliest streak. Upstream: silver <c>fct_game_details</c>. SQL twin: <c>sql/gold/player_scoring_streaks.sql</c>.
/// </summary>
public static class PlayerScoringStreaks
{
    public static readonly TableId Table = TableId.Gold("player_scoring_streaks");

    /// <summary>The table's definition: grain, key, and its part (<see cref="PlayerScoringStreaksPart"/>).</summary>
    public static TableDefinition Definition { get; } = GoldTable.FromParts<PlayerScoringStreaksPart, PlayerScoringStreaksRow>(Table,
        typeof(PlayerScoringStreaks), "one row per player with a game played", ["player_id"]);
}
