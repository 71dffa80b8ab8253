using Xunit.Sdk;

namespace NbaLake.Tests.Support;

/// <summary>
/// A missing snapshot fails: in CI without writing anything, locally by writing it for review. These tests set the
/// process's CI variable, so they run alone (<see cref="CiVariableUsers"/>).
/// </summary>
[Collection(nameof(CiVariableUsers))]
public sealed class SnapshotAssertTests : IDisposable
{
    private static readonly string[] Rows = ["1 | a row"];

    private readonly string folder = Directory.CreateTempSubdirectory("nbalake-snapshot-").FullName;

    /// <summary>Where a test in <see cref="folder"/> keeps its snapshots: <c>__snapshots__/</c> beside it.</summary>
    private string TestFile => Path.Combine(folder, "SomeTests.cs");

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    public void In_ci_a_missing_snapshot_fails_and_nothing_is_written(string ci)
    {
        WithCi(ci, () =>
        {
            var failure = Assert.Throws<FailException>(() => SnapshotAssert.Match(Rows, "never_taken", TestFile));
            Assert.StartsWith("No snapshot was committed for never_taken (", failure.Message, StringComparison.Ordinal);
        });

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder)); // no __snapshots__/, no __mismatch__/
    }

    [Fact]
    public void Outside_ci_a_missing_snapshot_fails_and_is_written_for_review_and_then_matches_also_in_ci()
    {
        var snapshot = Path.Combine(folder, "__snapshots__", "taken_here.snap");

        WithCi(null, () =>
        {
            Assert.Throws<TrueException>(() => SnapshotAssert.Match(Rows, "taken_here", TestFile));
            Assert.True(File.Exists(snapshot), "the missing snapshot was not written for review");
            SnapshotAssert.Match(Rows, "taken_here", TestFile);
        });
        WithCi("true", () => SnapshotAssert.Match(Rows, "taken_here", TestFile));
        WithCi("true", () => Assert.ThrowsAny<Exception>(() => SnapshotAssert.Match(new[] { "1 | another row" }, "taken_here", TestFile)));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static void WithCi(string? value, Action action)
    {
        var before = Environment.GetEnvironmentVariable("CI");
        Environment.SetEnvironmentVariable("CI", value);
        try
        {
            action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("CI", before);
        }
    }
}

/// <summary>Tests that change the CI environment variable: run after the others, one at a time, as the whole process sees it.</summary>
[CollectionDefinition(nameof(CiVariableUsers), DisableParallelization = true)]
public sealed class CiVariableUsers;
