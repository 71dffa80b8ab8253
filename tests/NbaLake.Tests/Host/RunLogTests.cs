using System.Text.RegularExpressions;
using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

/// <summary>The log lines of a run, as a person reads them on the console (cron's output, --verbose).</summary>
public class RunLogTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Commit_lines_say_each_count_once_in_the_right_number_with_thousands_separators()
    {
        using var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, GeneratorOptions.Default, TestContext.Current.CancellationToken);

        var first = await RunAsync(lake);
        lake.Land("games_details_more.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", playerId: "7", name: "Late Entry")));
        var second = await RunAsync(lake);

        Assert.Contains("INF ingest    Ingest done in # ms: 3 files ingested (35,237 rows), 0 skipped, 0 refused", first);
        Assert.Contains("INF ingest    Committed bronze._rejects v1 (append): 0 rows in 1 file, written in # ms", first);
        Assert.Contains("INF ingest    Committed bronze.game_details v1 (append): 33,920 rows in 3 files, written in # ms", first);
        Assert.Contains("INF ingest    Committed bronze.teams v1 (append): 10 rows in 1 file, written in # ms", first);
        Assert.Contains("INF transform Silver fct_game_details: 33,920 bronze rows → 33,904 rows, 16 duplicates dropped, 0 rejects", first);
        Assert.Contains("INF ingest    Ingest done in # ms: 1 file ingested (1 row), 3 skipped, 0 refused", second);
        Assert.Contains("INF ingest    Committed bronze.game_details v2 (append): 1 new row in 1 new file, written in # ms; the version holds 33,921 rows in 4 files", second);
    }

    /// <summary>A plain (redirected) run's lines, without their clock time and with every duration as #.</summary>
    private static async Task<List<string>> RunAsync(TempLake lake)
    {
        using var output = new StringWriter();
        Assert.Equal(ExitCodes.Success, await lake.RunAsync(output, "run"));
        return [.. output.ToString().Split('\n').Select(l => Regex.Replace(Regex.Replace(l, @"^\[\d\d:\d\d:\d\d (\w{3})\] ", "$1 "), @"\bin \d+ ms", "in # ms"))];
    }
}
