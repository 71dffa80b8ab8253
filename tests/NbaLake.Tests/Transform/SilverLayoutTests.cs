using NbaLake.Tests.Support;

namespace NbaLake.Tests.Transform;

public class SilverLayoutTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Partitioned_fct_game_details_reads_the_same_with_and_without_hive_partitioning()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        var glob = Duck.Literal(Path.Combine(lake.Table("silver", "fct_game_details"), "**", "*.parquet"));
        using var duck = new Duck();
        var plain = duck.Rows($"SELECT season, count(*) FROM read_parquet({glob}) GROUP BY season ORDER BY season");
        var hive = duck.Rows($"SELECT season, count(*) FROM read_parquet({glob}, hive_partitioning = true) GROUP BY season ORDER BY season");

        Assert.Equal(["2019 | 13", "2020 | 4"], plain);
        Assert.Equal(plain, hive);
        Assert.Equal(["season=2019", "season=2020"],
            Directory.GetDirectories(Path.Combine(lake.Table("silver", "fct_game_details"), "data")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
