using System.ComponentModel.DataAnnotations;

namespace NbaLake.Publish;

/// <summary>Settings of the gold tables (<c>Publish</c> in pipeline.json).</summary>
public sealed record PublishOptions
{
    /// <summary>N of team_best_stretch: the window length in games. Default 90; at least 1.</summary>
    [Range(1, int.MaxValue)]
    public int StretchGames { get; init; } = 90;

    /// <summary>T of player_scoring_streaks: a game counts when pts &gt; T. Default 10; at least 0.</summary>
    [Range(0, int.MaxValue)]
    public int StreakThreshold { get; init; } = 10;

    /// <summary>The player q5 asks about. Default "LeBron James".</summary>
    public string StreakPlayer { get; init; } = "LeBron James";

    /// <summary>Season types counted in gold; empty (the default) counts all of them.</summary>
    public IReadOnlyList<string> SeasonTypes { get; init; } = [];

    /// <summary>The settings as one line, recorded in the inputs of every gold commit.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"StretchGames={StretchGames};StreakThreshold={StreakThreshold};StreakPlayer={StreakPlayer};SeasonTypes={string.Join('|', SeasonTypes)}");
}
