using System.Runtime.CompilerServices;
using Snapshooter;
using Snapshooter.Xunit3;

namespace NbaLake.Tests.Support;

/// <summary>
/// Snapshot matching where a missing snapshot fails (Snapshooter alone would write it and pass). Locally the failing
/// test writes it for review; in CI (<see cref="InCi"/>) it writes nothing, so a snapshot only ever comes from a commit.
/// </summary>
public static class SnapshotAssert
{
    /// <summary>
    /// Whether this is a CI run: the <c>CI</c> environment variable set to anything (.ci/run sets it, as GitHub Actions,
    /// GitLab and most CI services do). Snapshooter's own strict mode (<c>SNAPSHOOTER_STRICT_MODE</c>) is not used: it
    /// reads another variable and still writes the missing snapshot under <c>__mismatch__/</c>.
    /// </summary>
    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 };

    public static void Match(object value, string name, [CallerFilePath] string testFile = "")
    {
        var folder = Path.GetDirectoryName(testFile)!;
        var path = Path.Combine(folder, "__snapshots__", name + ".snap");
        var existed = File.Exists(path);
        if (!existed && InCi)
        {
            Assert.Fail($"No snapshot was committed for {name} ({path}), and CI writes none: run the test without CI set to take it, review it and commit it.");
        }
        Snapshot.Match(value, new SnapshotFullName(name + ".snap", folder));
        Assert.True(existed, $"No snapshot was committed for {name}; one was written to {path}: review it and commit it.");
    }
}
