namespace NbaLake.Generate;

/// <summary>The shape of a generated data set.</summary>
public sealed record GeneratorOptions(int Seasons, int Teams, int FirstSeason, int Seed)
{
    /// <summary>The league's first season: no earlier game is plausible to the job.</summary>
    public const int EarliestSeason = 1946;

    /// <summary>The repo's sample: three seasons of ten teams from 2019-20, seed 42.</summary>
    public static GeneratorOptions Default { get; } = new(3, 10, 2019, 42);

    /// <summary>
    /// The first season when none is given: the sample's (2019-20), or as much earlier as it takes for the last of
    /// <paramref name="seasons"/> to have ended by <paramref name="today"/> (never before <see cref="EarliestSeason"/>).
    /// </summary>
    public static int DefaultFirstSeason(int seasons, DateOnly today) =>
        Math.Max(EarliestSeason, Math.Min(Default.FirstSeason, LastEndedSeason(today) - seasons + 1));

    /// <summary>
    /// What is wrong with these options, or null. Generated data must be data the job accepts: a season not yet played
    /// by <paramref name="today"/> is refused (the job would quarantine games dated more than a year after their ingest).
    /// </summary>
    public string? Validate(DateOnly today)
    {
        var basic = Seasons is < 1 or > 100 ? "--seasons must be 1 to 100 (game ids hold the season's last two digits)"
            : Teams is < 4 or > 300 || Teams % 2 != 0 ? "--teams must be an even number from 4 to 300 (past 30, made-up expansion teams)"
            : FirstSeason is < EarliestSeason or > 2200 ? $"--first-season must be a year from {EarliestSeason} to 2200"
            : null;
        var end = DataSetGenerator.LastDay(FirstSeason + Seasons - 1);
        if (basic is not null || end < today)
        {
            return basic;
        }
        var latest = LastEndedSeason(today) - Seasons + 1;
        return FormattableString.Invariant($"--first-season {FirstSeason} with --seasons {Seasons} would write games up to {end:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}): ")
            + (latest >= EarliestSeason
                ? FormattableString.Invariant($"give --first-season {latest} or earlier, or fewer --seasons")
                : FormattableString.Invariant($"give at most {LastEndedSeason(today) - EarliestSeason + 1} --seasons, from --first-season {EarliestSeason}"))
            + " (generated games are of seasons already played, as the job expects of real data)";
    }

    /// <summary>The last season whose games have all been played by <paramref name="today"/>.</summary>
    private static int LastEndedSeason(DateOnly today) => DataSetGenerator.LastDay(today.Year - 1) < today ? today.Year - 1 : today.Year - 2;
}
