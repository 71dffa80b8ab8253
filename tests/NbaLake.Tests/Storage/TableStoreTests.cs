using System.Text.RegularExpressions;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Storage;

public class TableStoreTests
{
    private static string Answer(TempLake lake, string id)
    {
        using var duck = new Duck();
        return duck.Rows($"SELECT answer FROM read_parquet({Duck.Literal(Path.Combine(lake.Table("gold", "answers"), "**", "*.parquet"))}) WHERE question_id = '{id}'").Single();
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task An_old_gold_version_can_be_restored_read_back_and_rolled_forward()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var before = Answer(lake, "q1");
        lake.Land("games_details_more.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900004", pts: "99.0")));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var after = Answer(lake, "q1");
        Assert.NotEqual(before, after);

        var (code, output) = await lake.RunAsync("restore", "gold.answers", "--version", "1");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("Restored gold.answers v1 as v3 (5 rows).", output.TrimEnd('\n'));
        Assert.Equal(before, Answer(lake, "q1"));
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
        var (historyCode, history) = await lake.RunAsync("history", "answers");
        Assert.Equal(ExitCodes.Success, historyCode);
        Assert.Matches(@"(?m)^v3 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +restore v1 +5 +1 \(0\) +\S+ +yes$", history);

        // The restored version records the inputs it was built from, so the next run sees gold is stale and rolls forward.
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(after, Answer(lake, "q1"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Restore_of_a_version_that_does_not_exist_is_bad_usage()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        Assert.Equal(ExitCodes.BadUsage, (await lake.RunAsync("restore", "gold.answers", "--version", "7")).ExitCode);
        Assert.Equal(ExitCodes.BadUsage, (await lake.RunAsync("restore", "nonsense", "--version", "1")).ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Only_the_last_versions_stay_restorable()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        for (var n = 2; n <= 5; n++)
        {
            Assert.Equal(0, (await lake.RunAsync("run", $"--Publish:StretchGames={n}", "--Lake:KeepVersions=2")).ExitCode);
        }

        var versions = Directory.GetDirectories(Path.Combine(lake.Lake, "_meta", "tables", "gold", "answers"), "v*").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["v000003", "v000004"], versions);
        var (statusCode, status) = await lake.RunAsync("status");
        Assert.Equal(ExitCodes.Success, statusCode);
        Assert.Matches(@"(?m)^gold\.answers +v4 +5 +1 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +replace$", status);
        Assert.Equal(4, Regex.Count(status, @"^\d{8}T\d{9}Z-[0-9a-f]{6} +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +succeeded +0 +\d+/\d+/0 ", RegexOptions.Multiline));
    }
}
