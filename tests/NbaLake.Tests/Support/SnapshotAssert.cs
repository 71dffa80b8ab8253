using System.Runtime.CompilerServices;
using Snapshooter;
using Snapshooter.Xunit3;

namespace NbaLake.Tests.Support;

/// <summary>Snapshot matching where a missing snapshot fails (Snapshooter alone would write it and pass).</summary>
public static class SnapshotAssert
{
    public static void Match(object value, string name, [CallerFilePath] string testFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "__snapshots__", name + ".snap");
        var existed = File.Exists(path);
        Snapshot.Match(value, new SnapshotFullName(name + ".snap", Path.GetDirectoryName(testFile)!));
        Assert.True(existed, $"No snapshot was committed for {name}; one was written to {path}: review it and commit it.");
    }
}
