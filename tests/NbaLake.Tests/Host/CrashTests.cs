using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

/// <summary>The job killed with SIGKILL at points spread over all its stages, then run again.</summary>
public class CrashTests
{
    [Fact(Timeout = Timeouts.ManyRuns)]
    public async Task A_run_killed_anywhere_leaves_whole_versions_and_the_rerun_converges_to_the_same_gold()
    {
        using var reference = new TempLake();
        await DataSetGenerator.WriteAsync(reference.Landing, new GeneratorOptions(2, 6, 2019, 3), TestContext.Current.CancellationToken);
        reference.Land("games_details_bad.csv", "GAME_ID,TEAM_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,PTS\n1,2\n21900001,1610612737,ATL,1,X,\"5\n");
        using var uninterrupted = new ChildRun(reference);
        var (code, output) = await uninterrupted.WaitAsync();
        Assert.Equal(0, code);
        var expectedGold = LakeCheck.GoldBytes(reference.Lake);

        // Kill points: right after the job printed its k-th line, so they follow the job's own progress through every
        // stage. Only where it goes on working before its next line: after each log line (they begin with '[': one per
        // step, written as the step ends) but the last, and after the last line of a block of other lines. The answers
        // are such a block, printed at once with nothing done in between: a kill inside it would land where the kill
        // after it lands, so that one stands for all of them.
        var printed = output.TrimEnd('\n').Split('\n');
        static bool IsLog(string line) => line.StartsWith('[');
        var killPoints = Enumerable.Range(1, printed.Length - 1).Where(k => IsLog(printed[k - 1]) || IsLog(printed[k])).ToList();
        Assert.True(killPoints.Count >= 21, $"an uninterrupted run prints {printed.Length} lines, {killPoints.Count} kill points; the test needs 20+");

        // Only a kill that landed while the job was still running counts (it died of SIGKILL): one that came after the
        // job had exited on its own killed nothing.
        // Two kill points at a time, each on a lake of its own: the test mostly waits on its child processes.
        var killed = 0;
        var beforeGold = 0;
        await Parallel.ForEachAsync(killPoints, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (k, _) =>
        {
            using var lake = new TempLake(landing: reference.Landing);
            using (var child = new ChildRun(lake))
            {
                for (var read = 0; read < k && await child.ReadLineAsync() is not null; read++)
                {
                }
                child.Kill();
                Interlocked.Add(ref killed, child.DiedOfKill ? 1 : 0);
            }

            LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
            Interlocked.Add(ref beforeGold, Directory.Exists(Path.Combine(lake.Lake, "gold", "answers")) ? 0 : 1);
            var (rerun, rerunOutput) = await lake.RunAsync("run");
            Assert.True(rerun == 0, $"the run after a kill at line {k} exited with {rerun}:\n{rerunOutput}");
            LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
            LakeCheck.SameBytes(expectedGold, LakeCheck.GoldBytes(lake.Lake));
        });
        TestContext.Current.TestOutputHelper?.WriteLine($"{killed} of {killPoints.Count} kills landed while the job ran, {beforeGold} before gold");
        Assert.True(killed >= 20, $"only {killed} of {killPoints.Count} kills (after lines {string.Join(", ", killPoints)}) landed while the job was still running");
        Assert.True(beforeGold >= 5, $"only {beforeGold} kills landed before gold was written");
    }
}
