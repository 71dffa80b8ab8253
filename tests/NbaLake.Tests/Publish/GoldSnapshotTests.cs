using NbaLake.Tests.Support;

namespace NbaLake.Tests.Publish;

public class GoldSnapshotTests
{
    // The fixture is small: a 3-game stretch and a 10-point threshold make every window and streak rule show.
    private static readonly string[] Settings = ["--Publish:StretchGames=3", "--Publish:StreakThreshold=10"];

    [Fact(Timeout = Timeouts.Job)]
    public async Task Gold_of_the_small_fixture_matches_its_snapshot()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));

        var (code, output) = await lake.RunAsync("run", Settings);

        Assert.Equal(0, code);
        using var duck = new Duck();
        SnapshotAssert.Match(new
        {
            Tables = GoldSql.Tables.Select(t => TableText.Read(duck, lake.Lake, "gold", t)).ToArray(),
            // What the run prints besides its (timestamped) log lines: the quality summary and the answers.
            Printed = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(line => !System.Text.RegularExpressions.Regex.IsMatch(line, @"^\[\d\d:\d\d:\d\d [A-Z]{3}\] ")).ToArray(),
        }, "gold_small");
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Gold_of_the_small_fixture_equals_the_sql_definitions_run_by_duckdb()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));

        Assert.Equal(0, (await lake.RunAsync("run", Settings)).ExitCode);

        Assert.Empty(GoldSql.Compare(lake.Lake, stretchGames: 3, streakThreshold: 10));
    }
}
