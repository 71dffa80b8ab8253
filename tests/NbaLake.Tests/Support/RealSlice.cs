using NbaLake.Tests.Support;

[assembly: AssemblyFixture(typeof(RealSlice))]

namespace NbaLake.Tests.Support;

/// <summary>
/// The real 2019-20 slice (<c>../shared/data/real/nba-2019-20</c>) run once through the job, shared by the tests that
/// only read the lake it makes or the run's output (several classes, in parallel): built on first use, deleted after
/// the last test. Nothing may write to it; a test that changes a lake builds its own.
/// </summary>
public sealed class RealSlice : IDisposable
{
    private readonly Lazy<Task<(TempLake Lake, int ExitCode, string Output)>> run = new(async () =>
    {
        var lake = new TempLake(landing: Repo.RealData("nba-2019-20"));
        var (code, output) = await lake.RunAsync("run");
        return (lake, code, output);
    });

    /// <summary>The lake after one <c>nbalake run</c> (quiet) over the slice, that run's exit code and what it printed.</summary>
    public Task<(TempLake Lake, int ExitCode, string Output)> RunAsync() => run.Value;

    public void Dispose()
    {
        if (run.IsValueCreated && run.Value.IsCompletedSuccessfully)
        {
            run.Value.Result.Lake.Dispose();
        }
    }
}
