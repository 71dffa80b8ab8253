using System.ComponentModel.DataAnnotations;
using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Publish;

/// <summary>
/// Settings of the gold tables (<c>Publish</c> in pipeline.json): each with its default, its rule and the tables it
/// shapes (a change rebuilds those and leaves the others' versions alone).
/// </summary>
public sealed record PublishOptions : IOptionsRules
{
    /// <summary>N of team_best_stretch: the window length in games. Default 90; at least 1.</summary>
    /// <remarks>Applied when the seasons' parts are merged: a change rebuilds the table from the cached parts.</remarks>
    [Range(1, int.MaxValue)]
    [Shapes("gold.team_best_stretch", Parts = [])]
    public int StretchGames { get; set; } = 90;

    /// <summary>T of player_scoring_streaks: a game counts when pts &gt; T. Default 10; at least 0.</summary>
    [Range(0, int.MaxValue)]
    [Shapes("gold.player_scoring_streaks")]
    public int StreakThreshold { get; set; } = 10;

    /// <summary>The player q5 asks about, matched ignoring case and surrounding spaces. Default "LeBron James"; not blank.</summary>
    /// <remarks>Shapes the answers; the streaks' season parts keep that player's games for the report's chart.</remarks>
    [Shapes("gold.answers", Parts = ["gold.player_scoring_streaks"])]
    public string StreakPlayer { get; set; } = "LeBron James";

    /// <summary>Season types counted in gold; empty (the default) counts all of them. Each one of <see cref="Transform.SeasonTypes.All"/>.</summary>
    [Shapes("gold")]
    public IReadOnlyList<string> SeasonTypes { get; set; } = [];

    /// <inheritdoc/>
    public IEnumerable<string> Problems(string section)
    {
        if (string.IsNullOrWhiteSpace(StreakPlayer))
        {
            yield return $"{section}:{nameof(StreakPlayer)} must name a player (default \"LeBron James\").";
        }
        foreach (var type in SeasonTypes.Where(t => !Transform.SeasonTypes.All.Contains(t, StringComparer.Ordinal)))
        {
            yield return $"{section}:{nameof(SeasonTypes)}: \"{type}\" is not a season type; allowed: {string.Join(", ", Transform.SeasonTypes.All.Select(t => $"\"{t}\""))}.";
        }
    }
}
