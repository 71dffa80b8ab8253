using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Transform;

/// <summary>A row of silver <c>fct_game_details</c>: one player in one game, key (<c>game_id</c>, <c>player_id</c>).</summary>
public sealed class GameDetailRow : SilverRow
{
    /// <summary>The game (silver games key).</summary>
    [JsonPropertyName("game_id")] public int GameId { get; set; }

    /// <summary>The game's date, from silver games.</summary>
    [JsonPropertyName("game_date")] public DateOnly GameDate { get; set; }

    /// <summary>The season's start year, from silver games; also the partition.</summary>
    [JsonPropertyName("season")] public int Season { get; set; }

    /// <summary>The game's season type, from silver games.</summary>
    [JsonPropertyName("season_type")] public string? SeasonType { get; set; }

    /// <summary>The player's team in this game.</summary>
    [JsonPropertyName("team_id")] public long TeamId { get; set; }

    /// <summary>The team's abbreviation as exported for this game.</summary>
    [JsonPropertyName("team_abbreviation")] public string? TeamAbbreviation { get; set; }

    /// <summary>The team's city as exported for this game.</summary>
    [JsonPropertyName("team_city")] public string? TeamCity { get; set; }

    /// <summary>The other team of the game.</summary>
    [JsonPropertyName("opponent_team_id")] public long OpponentTeamId { get; set; }

    /// <summary>Whether the player's team was the home team.</summary>
    [JsonPropertyName("is_home")] public bool IsHome { get; set; }

    /// <summary>The player.</summary>
    [JsonPropertyName("player_id")] public long PlayerId { get; set; }

    /// <summary>The player's name as exported for this game (personal data).</summary>
    [PersonalData] [JsonPropertyName("player_name")] public string? PlayerName { get; set; }

    /// <summary>The player's nickname as exported (personal data).</summary>
    [PersonalData] [JsonPropertyName("nickname")] public string? Nickname { get; set; }

    /// <summary>F, C or G for starters; null for the bench.</summary>
    [JsonPropertyName("start_position")] public string? StartPosition { get; set; }

    /// <summary>Why a player did not play (DNP, DND, NWT …), trimmed.</summary>
    [JsonPropertyName("comment")] public string? Comment { get; set; }

    /// <summary>Whether the player played: the PTS field was not empty.</summary>
    [JsonPropertyName("did_play")] public bool DidPlay { get; set; }

    /// <summary>Minutes played as a decimal (34:12 is 34.2).</summary>
    [JsonPropertyName("minutes")] public double? Minutes { get; set; }

    /// <summary>Field goals made.</summary>
    [JsonPropertyName("fgm")] public int? Fgm { get; set; }

    /// <summary>Field goals attempted.</summary>
    [JsonPropertyName("fga")] public int? Fga { get; set; }

    /// <summary>Field goal percentage, 0 to 1.</summary>
    [JsonPropertyName("fg_pct")] public double? FgPct { get; set; }

    /// <summary>Three-pointers made.</summary>
    [JsonPropertyName("fg3m")] public int? Fg3m { get; set; }

    /// <summary>Three-pointers attempted.</summary>
    [JsonPropertyName("fg3a")] public int? Fg3a { get; set; }

    /// <summary>Three-point percentage, 0 to 1.</summary>
    [JsonPropertyName("fg3_pct")] public double? Fg3Pct { get; set; }

    /// <summary>Free throws made.</summary>
    [JsonPropertyName("ftm")] public int? Ftm { get; set; }

    /// <summary>Free throws attempted.</summary>
    [JsonPropertyName("fta")] public int? Fta { get; set; }

    /// <summary>Free throw percentage, 0 to 1.</summary>
    [JsonPropertyName("ft_pct")] public double? FtPct { get; set; }

    /// <summary>Offensive rebounds.</summary>
    [JsonPropertyName("oreb")] public int? Oreb { get; set; }

    /// <summary>Defensive rebounds.</summary>
    [JsonPropertyName("dreb")] public int? Dreb { get; set; }

    /// <summary>Total rebounds.</summary>
    [JsonPropertyName("reb")] public int? Reb { get; set; }

    /// <summary>Assists.</summary>
    [JsonPropertyName("ast")] public int? Ast { get; set; }

    /// <summary>Steals.</summary>
    [JsonPropertyName("stl")] public int? Stl { get; set; }

    /// <summary>Blocks.</summary>
    [JsonPropertyName("blk")] public int? Blk { get; set; }

    /// <summary>Turnovers (TO in the source).</summary>
    [JsonPropertyName("turnovers")] public int? Turnovers { get; set; }

    /// <summary>Personal fouls.</summary>
    [JsonPropertyName("pf")] public int? Pf { get; set; }

    /// <summary>Points scored; null when the player did not play.</summary>
    [JsonPropertyName("pts")] public int? Pts { get; set; }

    /// <summary>Point difference while the player was on the floor.</summary>
    [JsonPropertyName("plus_minus")] public int? PlusMinus { get; set; }

    /// <summary>Whether the player's team won the game.</summary>
    [JsonPropertyName("won_game")] public bool WonGame { get; set; }
}
