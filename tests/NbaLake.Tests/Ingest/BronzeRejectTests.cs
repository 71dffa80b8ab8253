using System.Text.Json;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

/// <summary>bronze/_rejects is treated as silver/_rejects is: a table from its layer's first version on, empty if need be.</summary>
public class BronzeRejectTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Both_rejects_tables_are_written_empty_by_the_first_run_and_status_history_and_the_catalog_know_them()
    {
        using var lake = await TempLake.RanAsync(Csv.File(Csv.GamesHeader, Csv.Game("21900001")), Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")));

        var (_, status) = await lake.RunAsync("status");
        var (bronze, history) = await lake.RunAsync("history", "bronze._rejects");
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(lake.Lake, "catalog.json")));

        foreach (var table in new[] { "bronze._rejects", "silver._rejects" })
        {
            Assert.Matches($@"(?m)^{table.Replace(".", @"\.", StringComparison.Ordinal)} +v1 +0 +1 ", status);
            Assert.Equal(1, catalog.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == table).GetProperty("version").GetInt32());
        }
        Assert.Equal(["0"], lake.Query("bronze", "_rejects", "SELECT count(*) FROM {t}"));
        Assert.Equal(ExitCodes.Success, bronze);
        Assert.Matches(@"(?m)^v1 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +append +0 +1 \(1\) ", history);

        // A run with nothing new adds no empty version.
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        Assert.Single(Directory.GetFiles(Path.Combine(lake.Lake, "_meta", "tables", "bronze", "_rejects", "log"), "0*.json"));
    }
}
