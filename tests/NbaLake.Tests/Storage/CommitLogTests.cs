using System.Text.Json;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using NbaLake.Transform.Quality;
using Serilog.Core;

namespace NbaLake.Tests.Storage;

/// <summary>The commit log records changes, not whole versions, and checkpoints the state so reads stay short.</summary>
public class CommitLogTests
{
    private static readonly TableId Table = new("_ops", "log_test");

    private static TableFile File(int n) => ParquetRows.File($"part-{n:D4}.parquet", new[] { new QualityResultRow { RunId = $"run {n}", Rule = "r" } });

    [Fact(Timeout = Timeouts.Job)]
    public async Task Entries_record_only_what_changed_and_a_checkpoint_every_ten_versions_holds_the_state()
    {
        using var lake = new TempLake();
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None, keepVersions: 3);
        for (var n = 1; n <= 25; n++)
        {
            await store.AppendAsync(Table, [File(n)], ct: TestContext.Current.CancellationToken);
        }

        var log = Path.Combine(lake.Lake, "_meta", "tables", "_ops", "log_test", "log");
        var history = store.History(Table);
        Assert.Equal(25, history.Count);
        Assert.All(history, e => Assert.Single(e.Added));
        Assert.All(history, e => Assert.Empty(e.Removed));
        Assert.Equal(Enumerable.Range(1, 25), history.Select(e => e.FileCount));
        // The 25th entry is no larger than the 2nd: log bytes grow with what a commit wrote, not with the table.
        var sizes = history.Select(e => new FileInfo(Path.Combine(log, $"{e.Version:D6}.json")).Length).ToList();
        Assert.True(sizes[24] <= sizes[1] + 16, $"entry 25 is {sizes[24]} bytes, entry 2 {sizes[1]}");
        Assert.Equal(["000010.checkpoint.json", "000020.checkpoint.json"],
            Directory.GetFiles(log, "*.checkpoint.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // A fresh reader gets the same state from checkpoint 20 and five entries, and only three versions stay on disk.
        var fresh = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "reader", Logger.None).State(Table)!;
        Assert.Equal(Enumerable.Range(1, 25).Select(n => $"part-{n:D4}.parquet"), fresh.Files.Keys.Select(PendingVersion.Slot));
        // Stored names are content-addressed: below data/, the name a file was written under, then 16 hex digits of its SHA-256.
        Assert.All(fresh.Files.Values, f => Assert.Equal("data/" + PendingVersion.StoredName(PendingVersion.Slot(f.Path), f.Sha256), f.Path));
        Assert.All(fresh.Files.Values, f => Assert.Matches(@"^data/part-\d{4}-[0-9a-f]{16}\.parquet$", f.Path));
        Assert.Equal(25, fresh.Rows);
        Assert.Equal(["v000023", "v000024", "v000025"],
            Directory.GetDirectories(Path.Combine(lake.Lake, "_meta", "tables", "_ops", "log_test"), "v*").Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var replaced = await store.ReplaceAsync(Table, [File(99)], new Dictionary<string, string>(), TestContext.Current.CancellationToken);
        Assert.Equal(25, replaced!.Removed.Count);
        Assert.Equal("part-0099.parquet", PendingVersion.Slot(Assert.Single(replaced.Added).Path));
        using var entry = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(log, "000026.json")));
        Assert.False(entry.RootElement.TryGetProperty("files", out _), "an entry never lists the whole version");
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task An_unreadable_log_entry_is_named_by_every_command_without_a_stack_trace()
    {
        using var lake = new TempLake(landing: Repo.Fixture("small"));
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        var entry = Path.Combine(lake.Lake, "_meta", "tables", "silver", "games", "log", "000001.json");
        System.IO.File.WriteAllText(entry, "garbage{");

        foreach (var command in new[] { "status", "verify", "catalog", "run" })
        {
            var (code, output) = await lake.RunAsync(command);
            Assert.True(code == ExitCodes.Failure, $"{command}: exit {code}: {output}");
            Assert.Contains($"{entry} is not a readable commit-log entry (", output, StringComparison.Ordinal);
            Assert.Contains("restore the lake folder from a backup", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_lake_written_by_the_older_log_format_is_refused_with_the_fix()
    {
        using var lake = new TempLake();
        var log = Path.Combine(lake.Lake, "_meta", "tables", "gold", "answers", "log");
        Directory.CreateDirectory(log);
        System.IO.File.WriteAllText(Path.Combine(log, "000001.json"),
            """{"table":"gold.answers","version":1,"run_id":"r","committed_at":"2026-01-01T00:00:00Z","operation":"replace","rows":0,"files":[],"schema":[],"inputs":{}}""");

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(Path.Combine(log, "000001.json") + " was written by an older NbaLake (its log entries list whole versions). To fix: rebuild the lake: move the lake folder aside and run again with the same landing files (or set Lake:Root to a new folder)",
            output, StringComparison.Ordinal);
        Assert.DoesNotContain("a run died", output, StringComparison.Ordinal); // nothing was repaired in a lake it cannot read
        Assert.False(Directory.Exists(Path.Combine(lake.Lake, "gold", "answers")), "an old lake must be left as it was");
    }
}
