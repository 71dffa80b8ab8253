using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>A row of gold <c>agg_game_details</c>: one group of one grouping set; key (agg_level, player_id, team_id, season).</summary>
public sealed class AggGameDetailsRow
{
    /// <summary>The grouping set: player_team, player_season or team.</summary>
    [JsonPropertyName("agg_level")] public string AggLevel { get; set; } = "";

    /// <summary>The player (null at team level).</summary>
    [JsonPropertyName("player_id")] public long? PlayerId { get; set; }

    /// <summary>The player's name on his latest game (personal data).</summary>
    [PersonalData] [JsonPropertyName("player_name")] public string? PlayerName { get; set; }

    /// <summary>The team (null at player_season level).</summary>
    [JsonPropertyName("team_id")] public long? TeamId { get; set; }

    /// <summary>The team's abbreviation on its latest game.</summary>
    [JsonPropertyName("team_abbreviation")] public string? TeamAbbreviation { get; set; }

    /// <summary>The season's start year (player_season level only).</summary>
    [JsonPropertyName("season")] public int? Season { get; set; }

    /// <summary>Player levels: games the player played; team level: the team's distinct games.</summary>
    [JsonPropertyName("games_played")] public long GamesPlayed { get; set; }

    /// <summary>Player levels: games played that his team won; team level: distinct games the team won.</summary>
    [JsonPropertyName("games_won")] public long GamesWon { get; set; }

    /// <summary>Sum of pts (0 where there is none).</summary>
    [JsonPropertyName("total_pts")] public long TotalPts { get; set; }
}
