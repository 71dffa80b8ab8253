using System.Text.Json;
using System.Text.RegularExpressions;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

/// <summary>What status, history and restore print and leave behind, as a person reads them.</summary>
public class AdminCommandsTests
{
    private const string Time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d";
    private const string Run = @"\d{8}T\d{9}Z-[0-9a-f]{6}";

    [Fact(Timeout = Timeouts.Job)]
    public async Task Status_and_history_put_every_value_under_its_header()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        var (_, status) = await lake.RunAsync("status");
        var (_, history) = await lake.RunAsync("history", "gold.answers");

        var lines = status.Split('\n');
        Assert.Contains("table                        version  rows  files  last commit (UTC)    operation", lines);
        Assert.Matches($"(?m)^gold\\.answers                 v1          5      1  {Time}  replace$", status);
        const string Runs = "run id                      started (UTC)        status     exit  files in/skip/refused  duration";
        Assert.Contains(Runs, lines);
        // The duration right-aligned under its header, however many digits the run took.
        var run = Assert.Single(lines, l => Regex.IsMatch(l, $"^{Run}  {Time}  succeeded     0                  3/0/0  +\\d+\\.\\d s$"));
        Assert.Equal(Runs.Length, run.Length);
        Assert.Contains("version  committed (UTC)      operation  rows  files (new)  run id                      restorable", history.Split('\n'));
        Assert.Matches($"(?m)^v1       {Time}  replace       5        1 \\(1\\)  {Run}  yes$", history);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Restore_writes_the_catalog_and_the_report_again_with_the_restored_version()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(0, (await lake.RunAsync("run", "--Publish:StretchGames=2")).ExitCode); // gold.answers v2

        Assert.Equal(0, (await lake.RunAsync("restore", "gold.answers", "--version", "1")).ExitCode); // as v3

        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(lake.Lake, "catalog.json")));
        var answers = catalog.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "gold.answers");
        Assert.Equal(3, answers.GetProperty("version").GetInt32());
        Assert.Equal("restore v1", answers.GetProperty("last_commit").GetProperty("operation").GetString());
        Assert.Matches(@"(?m)^\| \[gold\.answers\]\(#goldanswers\) \| [^|]+ \| 5 \| v3 \| [^|]+restore v1", File.ReadAllText(Path.Combine(lake.Lake, "CATALOG.md")));
        Assert.Contains("<code>gold.answers</code></td><td data-label=\"version\" class=\"num\">v3</td>",
            File.ReadAllText(Path.Combine(lake.Lake, "reports", "index.html")), StringComparison.Ordinal);
    }
}
