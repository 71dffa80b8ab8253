using System.Text.Json.Serialization;

namespace NbaLake.Publish;

/// <summary>A row of gold <c>team_best_stretch</c>: one team with at least N games; key team_id.</summary>
public sealed class TeamBestStretchRow
{
    /// <summary>The team.</summary>
    [JsonPropertyName("team_id")] public long TeamId { get; set; }

    /// <summary>The team's abbreviation on its latest game.</summary>
    [JsonPropertyName("team_abbreviation")] public string? TeamAbbreviation { get; set; }

    /// <summary>N: the window length in games (Publish:StretchGames).</summary>
    [JsonPropertyName("stretch_games")] public int StretchGames { get; set; }

    /// <summary>The most wins in any N consecutive games of the team.</summary>
    [JsonPropertyName("best_wins")] public long BestWins { get; set; }

    /// <summary>The date of the first game of the best (earliest on a tie) window.</summary>
    [JsonPropertyName("stretch_start_date")] public DateOnly StretchStartDate { get; set; }

    /// <summary>The date of the last game of that window.</summary>
    [JsonPropertyName("stretch_end_date")] public DateOnly StretchEndDate { get; set; }
}
