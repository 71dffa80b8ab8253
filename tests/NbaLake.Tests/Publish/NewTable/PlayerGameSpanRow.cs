using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Tests.Publish.NewTable;

/// <summary>A row of gold <c>player_game_span</c>: one player with at least one game played; key player_id.</summary>
public sealed class PlayerGameSpanRow
{
    /// <summary>The player.</summary>
    [JsonPropertyName("player_id")] public long PlayerId { get; set; }

    /// <summary>The player's name on his latest game (personal data).</summary>
    [PersonalData] [JsonPropertyName("player_name")] public string? PlayerName { get; set; }

    /// <summary>Games the player played (did_play).</summary>
    [JsonPropertyName("games_played")] public long GamesPlayed { get; set; }

    /// <summary>His points in them (0 where there is none).</summary>
    [JsonPropertyName("points")] public long Points { get; set; }

    /// <summary>The date of his first game played.</summary>
    [JsonPropertyName("first_game_date")] public DateOnly FirstGameDate { get; set; }

    /// <summary>The date of his last game played.</summary>
    [JsonPropertyName("last_game_date")] public DateOnly LastGameDate { get; set; }
}
