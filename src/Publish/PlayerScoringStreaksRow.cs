using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>A row of gold <c>player_scoring_streaks</c>: one player with at least one game played; key player_id.</summary>
public sealed class PlayerScoringStreaksRow
{
    /// <summary>The player.</summary>
    [JsonPropertyName("player_id")] public long PlayerId { get; set; }

    /// <summary>The player's name on his latest game (personal data).</summary>
    [PersonalData] [JsonPropertyName("player_name")] public string? PlayerName { get; set; }

    /// <summary>T: a game extends a streak when pts &gt; T (Publish:StreakThreshold).</summary>
    [JsonPropertyName("threshold")] public int Threshold { get; set; }

    /// <summary>The most consecutive games played with pts &gt; T; 0 if never.</summary>
    [JsonPropertyName("longest_streak")] public long LongestStreak { get; set; }

    /// <summary>The first game's date of the longest (earliest on a tie) streak; null when it is 0.</summary>
    [JsonPropertyName("streak_start_date")] public DateOnly? StreakStartDate { get; set; }

    /// <summary>The last game's date of that streak; null when it is 0.</summary>
    [JsonPropertyName("streak_end_date")] public DateOnly? StreakEndDate { get; set; }

    /// <summary>Games the player played (did_play).</summary>
    [JsonPropertyName("games_played")] public long GamesPlayed { get; set; }
}
