using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

public class ConcurrencyTests
{
    [Fact]
    public async Task Of_two_runs_started_together_one_writes_and_the_other_exits_busy()
    {
        using var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, new GeneratorOptions(3, 10, 2019, 1), TestContext.Current.CancellationToken);

        using var first = new ChildRun(lake);
        using var second = new ChildRun(lake);
        var results = await Task.WhenAll(first.WaitAsync(), second.WaitAsync());

        Assert.Equal([ExitCodes.Success, ExitCodes.LakeBusy], results.Select(r => r.ExitCode).Order());
        Assert.Contains("is busy", results.Single(r => r.ExitCode == ExitCodes.LakeBusy).Output, StringComparison.Ordinal);
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
    }

    [Fact]
    public async Task A_lock_left_by_a_dead_run_is_taken_over_and_the_dead_run_recorded()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        using (var child = new ChildRun(lake))
        {
            Assert.NotNull(await child.ReadLineAsync()); // it holds the lock once it has said anything
            child.Kill();
        }
        Assert.True(File.Exists(Path.Combine(lake.Lake, "_meta", "lock.owner")));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        using var duck = new Duck();
        Assert.Equal(["died", "succeeded"], duck.Rows($"SELECT DISTINCT status FROM {Duck.ReadTable(lake.Table("_ops", "pipeline_runs"))} ORDER BY 1"));
        Assert.False(File.Exists(Path.Combine(lake.Lake, "_meta", "lock.owner")));
    }
}
