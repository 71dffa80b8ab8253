using NbaLake.Transform;

namespace NbaLake.Publish;

/// <summary>
/// The silver rows gold is computed from (narrowed to the configured season types) and the names gold shows:
/// a player's <c>player_name</c> and a team's <c>team_abbreviation</c> on its latest game (by game_date, then game_id).
/// </summary>
public sealed class GoldInput
{
    public GoldInput(IReadOnlyList<GameDetailRow> silver, PublishOptions options)
    {
        var types = options.SeasonTypes.Count == 0 ? null : options.SeasonTypes.ToHashSet(StringComparer.Ordinal);
        Rows = [.. silver.Where(r => types is null || (r.SeasonType is not null && types.Contains(r.SeasonType)))];
        // The last row in (game_date, game_id, player_id) order wins: the latest game, and one fixed row within it.
        foreach (var row in Rows.OrderBy(r => r.GameDate).ThenBy(r => r.GameId).ThenBy(r => r.PlayerId))
        {
            PlayerNames[row.PlayerId] = row.PlayerName;
            TeamAbbreviations[row.TeamId] = row.TeamAbbreviation;
        }
    }

    /// <summary>Silver fct_game_details rows of the counted season types.</summary>
    public IReadOnlyList<GameDetailRow> Rows { get; }

    /// <summary>Each player's name on his latest game.</summary>
    public Dictionary<long, string?> PlayerNames { get; } = [];

    /// <summary>Each team's abbreviation on its latest game.</summary>
    public Dictionary<long, string?> TeamAbbreviations { get; } = [];
}
