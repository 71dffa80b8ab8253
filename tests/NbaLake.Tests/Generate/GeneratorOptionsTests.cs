using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Generate;

/// <summary>Generated data is data the job accepts: seasons already played by the day it is generated.</summary>
public class GeneratorOptionsTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Fact]
    public void A_season_ends_with_the_last_possible_game_of_its_final_in_May()
    {
        Assert.Equal(new DateOnly(2026, 5, 5), DataSetGenerator.LastDay(2025));
    }

    [Theory]
    [InlineData(3, 2019)]   // the sample: 2019-20 to 2021-22, long played
    [InlineData(7, 2019)]   // to 2025-26, which ended in May 2026
    [InlineData(10, 2016)]  // from 2019 it would reach 2028-29: it starts earlier instead
    [InlineData(80, 1946)]
    [InlineData(100, 1946)] // never before the league's first season (then Validate says what fits)
    public void The_default_first_season_is_2019_or_as_much_earlier_as_the_last_season_needs_to_have_ended(int seasons, int first)
    {
        Assert.Equal(first, GeneratorOptions.DefaultFirstSeason(seasons, Today));
        Assert.Equal(seasons <= 80, new GeneratorOptions(seasons, 10, first, 42).Validate(Today) is null);
    }

    [Fact]
    public void Seasons_not_played_by_today_are_refused_saying_why_and_what_fits()
    {
        Assert.Equal("--first-season 2019 with --seasons 10 would write games up to 2029-05-05, after today (2026-12-03): give --first-season 2016 or earlier, or fewer --seasons (generated games are of seasons already played, as the job expects of real data)",
            new GeneratorOptions(10, 10, 2019, 42).Validate(Today));
        Assert.Equal("--first-season 1946 with --seasons 100 would write games up to 2046-05-05, after today (2026-12-03): give at most 80 --seasons, from --first-season 1946 (generated games are of seasons already played, as the job expects of real data)",
            new GeneratorOptions(100, 10, 1946, 42).Validate(Today));
        Assert.Null(new GeneratorOptions(7, 10, 2019, 42).Validate(Today));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Generate_with_ten_seasons_writes_played_seasons_that_validate_accepts_whole()
    {
        using var lake = new TempLake();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = GeneratorOptions.DefaultFirstSeason(10, today);
        using var output = new StringWriter();

        // Four teams, the fewest: the seasons' dates are what is checked, and they do not depend on the teams.
        Assert.Equal(ExitCodes.Success, await Cli.InvokeAsync(["generate", "--out", lake.Landing, "--seasons", "10", "--teams", "4"], output, TestContext.Current.CancellationToken));
        Assert.EndsWith($"(10 seasons from {first}, seed 42) to {lake.Landing}", output.ToString().TrimEnd('\n'), StringComparison.Ordinal);
        Assert.True(DataSetGenerator.LastDay(first + 9) < today);
        var last = File.ReadLines(Path.Combine(lake.Landing, "games.csv")).Skip(1).Select(l => l[..10]).Max(StringComparer.Ordinal)!;
        Assert.True(string.CompareOrdinal(last, DataSetGenerator.LastDay(first + 9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) <= 0, last);

        var (code, preview) = await lake.RunAsync("validate", "--landing", lake.Landing);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Matches(@"(?m)^Silver preview of the new files: [\d,]+ games and [\d,]+ box-score rows would pass; 0 would be rejected\.$", preview);
    }
}
