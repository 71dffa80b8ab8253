namespace NbaLake.Generate;

/// <summary>The shape of a generated data set.</summary>
public sealed record GeneratorOptions(int Seasons, int Teams, int FirstSeason, int Seed)
{
    /// <summary>The repo's sample: three seasons of ten teams from 2019-20, seed 42.</summary>
    public static GeneratorOptions Default { get; } = new(3, 10, 2019, 42);

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Validate() =>
        Seasons is < 1 or > 100 ? "--seasons must be 1 to 100 (game ids hold the season's last two digits)"
        : Teams is < 4 or > 300 || Teams % 2 != 0 ? "--teams must be an even number from 4 to 300 (past 30, made-up expansion teams)"
        : FirstSeason is < 1946 or > 2200 ? "--first-season must be a year from 1946 to 2200"
        : null;
}
