using System.Text.Json.Serialization;

namespace NbaLake.Transform;

/// <summary>A row of silver <c>games</c>: one game, key <c>game_id</c>.</summary>
public sealed class GameRow : SilverRow
{
    /// <summary>The 8-digit game id; its first digit gives the season type.</summary>
    [JsonPropertyName("game_id")] public int GameId { get; set; }

    /// <summary>The day the game was played (US Eastern date as exported).</summary>
    [JsonPropertyName("game_date")] public DateOnly GameDate { get; set; }

    /// <summary>The season's start year: 2018 is the 2018-19 season.</summary>
    [JsonPropertyName("season")] public int Season { get; set; }

    /// <summary>Pre Season, Regular Season, All Star, Playoffs or Play-In (from the game id), null for another digit.</summary>
    [JsonPropertyName("season_type")] public string? SeasonType { get; set; }

    /// <summary>The export's status text, usually Final.</summary>
    [JsonPropertyName("game_status_text")] public string? GameStatusText { get; set; }

    /// <summary>The home team's id.</summary>
    [JsonPropertyName("home_team_id")] public long HomeTeamId { get; set; }

    /// <summary>The visiting team's id.</summary>
    [JsonPropertyName("visitor_team_id")] public long VisitorTeamId { get; set; }

    /// <summary>Points scored by the home team.</summary>
    [JsonPropertyName("pts_home")] public int? PtsHome { get; set; }

    /// <summary>Points scored by the visiting team.</summary>
    [JsonPropertyName("pts_away")] public int? PtsAway { get; set; }

    /// <summary>Whether the home team won.</summary>
    [JsonPropertyName("home_team_wins")] public bool HomeTeamWins { get; set; }
}
