using System.Text.RegularExpressions;
using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

public class ConcurrencyTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Of_two_runs_started_together_one_writes_and_the_other_exits_busy()
    {
        using var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, new GeneratorOptions(6, 12, 2015, 1), TestContext.Current.CancellationToken);

        using var first = new ChildRun(lake);
        // Its first line is printed once it holds the lock: the second starts then, so which one writes does not
        // depend on how fast two processes start on a loaded machine.
        Assert.NotNull(await first.ReadLineAsync());
        using var second = new ChildRun(lake);
        var (busy, busyOutput) = await second.WaitAsync();
        var (done, _) = await first.WaitAsync();

        Assert.Equal(ExitCodes.LakeBusy, busy);
        Assert.Equal(ExitCodes.Success, done);
        Assert.Matches($@"(?m)^\[\d\d:\d\d:\d\d ERR\] job +The lake {Regex.Escape(lake.Lake)} is busy: run \d{{8}}T\d{{9}}Z-[0-9a-f]{{6}} \(pid \d+ on [^,]+, started [^)]+\) holds it\. This run wrote nothing; try again when that run has finished$",
            busyOutput);
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
    }

    [Fact(Timeout = Timeouts.Job)]
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
