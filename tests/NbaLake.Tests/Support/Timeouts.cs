namespace NbaLake.Tests.Support;

/// <summary>
/// Bounds for tests that run the job or wait on something, so that a hang fails the test instead of blocking CI.
/// Generous on purpose: CI is a loaded 2-core machine, and a timeout that fires on a slow but healthy run is a flaky test.
/// </summary>
public static class Timeouts
{
    /// <summary>
    /// A test that runs the job a few times on small or sample data (<c>[Fact(Timeout = Timeouts.Job)]</c>): the slowest
    /// such test, the browser test, takes about 5 s alone on 2 cores, so 2 minutes is over 20 times that.
    /// </summary>
    public const int Job = 120_000;

    /// <summary>
    /// A test that runs the job dozens of times: the crash test (about 30 child processes, about 50 to 65 s alone
    /// on 2 cores) and the fuzz test (20 runs, about 10 s). 10 minutes is about 9 times the crash test.
    /// </summary>
    public const int ManyRuns = 600_000;

    /// <summary>
    /// How long a test waits on a child process (<see cref="ChildRun"/>) for its next line or its exit: a whole run
    /// on test data takes a few seconds. Shorter than <see cref="Job"/>, so the failure names what hung.
    /// </summary>
    public static readonly TimeSpan Child = TimeSpan.FromSeconds(90);
}
