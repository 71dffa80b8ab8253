using System.Collections.Concurrent;
using System.Text.Json;
using NbaLake.Generate;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using Serilog.Core;

namespace NbaLake.Tests.Host;

/// <summary>
/// What a reader sees while the job commits: always exactly one committed version of every table, whether it globs the
/// Parquet files or reads the table as Iceberg.
/// </summary>
public class ReadersDuringCommitsTests
{
    private static readonly string[] Tables =
        ["bronze/games", "bronze/game_details", "silver/games", "silver/fct_game_details", "silver/_rejects", "gold/agg_game_details", "gold/answers"];

    [Fact(Timeout = Timeouts.ManyRuns)]
    public async Task Readers_globbing_and_listing_tables_during_runs_drops_and_restores_always_see_one_whole_committed_version()
    {
        using var source = new TempLake();
        await DataSetGenerator.WriteAsync(source.Landing, new GeneratorOptions(3, 6, 2018, 7), TestContext.Current.CancellationToken);
        var games = File.ReadAllLines(Path.Combine(source.Landing, "games.csv"));
        var details = File.ReadAllLines(Path.Combine(source.Landing, "games_details.csv"));
        using var lake = new TempLake();
        lake.Land("games_0.csv", string.Join('\n', games.Take(200)) + "\n");
        lake.Land("games_details_0.csv", string.Join('\n', details.Take(4000)) + "\n");
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        // Readers: DuckDB globbing each table as an analyst would, and a plain listing of its folder.
        var seen = new ConcurrentBag<(string Table, long Rows)>();
        var problems = new ConcurrentQueue<string>();
        var retried = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() => Read(lake, r, seen, problems, retried, stop.Token)))
            .Append(Task.Run(() => Probe(lake, problems, stop.Token), TestContext.Current.CancellationToken)).ToList();
        // And an Iceberg reader, icebird, reading each table's current snapshot through its metadata/ folder, over and over.
        using var iceberg = Icebird.Watch(Tables.Select(t => Path.Combine(lake.Lake, t)));
        var icebergReads = iceberg.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        // Writers: drops of new games and box scores, a rerun with other settings, a restore, a roll forward. Between
        // two, the readers get to read every table a few times, however loaded the machine is (CI runs tests in parallel).
        for (var d = 1; d <= 4; d++)
        {
            lake.Land($"games_{d}.csv", string.Join('\n', [games[0], .. games.Skip(1 + 200 * d).Take(200)]) + "\n");
            lake.Land($"games_details_{d}.csv", string.Join('\n', [details[0], .. details.Skip(1 + 4000 * d).Take(4000)]) + "\n");
            Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
            await ReadsAsync(seen);
        }
        Assert.Equal(0, (await lake.RunAsync("run", "--Publish:StretchGames=20")).ExitCode);
        await ReadsAsync(seen);
        Assert.Equal(0, (await lake.RunAsync("restore", "silver.fct_game_details", "--version", "2")).ExitCode);
        await ReadsAsync(seen);
        Assert.Equal(0, (await lake.RunAsync("restore", "gold.agg_game_details", "--version", "1")).ExitCode);
        await ReadsAsync(seen);
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        await ReadsAsync(seen);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        iceberg.StandardInput.Close();
        await iceberg.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Child, TestContext.Current.CancellationToken);
        var snapshots = (await icebergReads).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.True(problems.IsEmpty, string.Join("\n", problems));
        TestContext.Current.TestOutputHelper?.WriteLine($"{seen.Count} reads; {retried.Count} retried after a commit removed a listed file");
        // Every count a reader saw is the row count of one committed version of that table.
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "check", Logger.None);
        var counts = Tables.ToDictionary(t => t, t =>
        {
            var id = new TableId(t.Split('/')[0], t.Split('/')[1]);
            return store.History(id).Select(e => e.Rows).ToHashSet();
        });
        // The one corner docs/commit-protocol.md names: a glob that lists the table's folders before a commit that adds a
        // partition folder, and their contents after it, reads the new version without its new partitions. It is told
        // apart (and counted), not mistaken for a mix of versions; any other count is one.
        var corner = CountsWithoutNewPartitions(store);
        var cornerReads = seen.Count(s => !counts[s.Table].Contains(s.Rows) && corner[s.Table].Contains(s.Rows));
        Assert.All(seen, s => Assert.True(counts[s.Table].Contains(s.Rows) || corner[s.Table].Contains(s.Rows),
            $"{s.Table}: a reader counted {s.Rows} rows, no version has that many"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{cornerReads} glob reads fell in the documented corner (a new version without its new partition folders)");
        Assert.True(seen.Count >= 20 * Tables.Length, $"the readers read {seen.Count} times: too few to have overlapped the commits");
        // Every Iceberg read is exactly the snapshot it names: the rows of that very version, never a mix, never an error.
        Assert.All(snapshots, r => Assert.False(r.TryGetProperty("error", out var e), $"icebird: {r}: {e}"));
        var rowsAt = Tables.ToDictionary(t => Icebird.Url(Path.Combine(lake.Lake, t)), t =>
            store.History(new TableId(t.Split('/')[0], t.Split('/')[1])).ToDictionary(e => (long)e.Version, e => e.Rows));
        Assert.All(snapshots, r => Assert.Equal(rowsAt[r.GetProperty("table").GetString()!][r.GetProperty("snapshot").GetInt64()], r.GetProperty("rows").GetInt64()));
        var versionsSeen = snapshots.Select(r => (r.GetProperty("table").GetString(), r.GetProperty("snapshot").GetInt64())).Distinct().Count();
        TestContext.Current.TestOutputHelper?.WriteLine($"{snapshots.Count} Iceberg reads of {versionsSeen} table versions");
        Assert.True(versionsSeen > Tables.Length, $"icebird read {snapshots.Count} times but only {versionsSeen} table versions: too few to have overlapped the commits");
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
    }

    /// <summary>
    /// Per table, the row count of each version without the files of partition folders (<c>season=…</c>) that the
    /// version before it did not have: what a glob that lists the folders before the commit and reads them after sees.
    /// </summary>
    private static Dictionary<string, HashSet<long>> CountsWithoutNewPartitions(TableStore store) =>
        Tables.ToDictionary(t => t, t =>
        {
            var id = new TableId(t.Split('/')[0], t.Split('/')[1]);
            var result = new HashSet<long>();
            HashSet<string> before = [];
            foreach (var entry in store.History(id))
            {
                var files = store.StateAt(id, entry.Version)!.Files.Values;
                var folders = files.Select(f => Folder(f.Path)).Where(f => f is not null).Select(f => f!).ToHashSet(StringComparer.Ordinal);
                if (folders.Except(before).Any())
                {
                    result.Add(files.Where(f => Folder(f.Path) is not { } folder || before.Contains(folder)).Sum(f => f.Rows));
                }
                before = folders;
            }
            return result;
        });

    /// <summary>The partition folder of a file's path (<c>data/season=2019/part.parquet</c> → <c>season=2019</c>), or null.</summary>
    private static string? Folder(string path) => path.Split('/').FirstOrDefault(p => p.Contains('=', StringComparison.Ordinal));

    /// <summary>Waits until the readers have read 3 times as many tables as there are (or a minute has passed).</summary>
    private static async Task ReadsAsync(ConcurrentBag<(string, long)> seen)
    {
        var target = seen.Count + 3 * Tables.Length;
        for (var waited = 0; seen.Count < target && waited < 60_000; waited += 20)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// The cheapest read there is, in a tight loop: does each table folder exist? A switch that is not one rename
    /// leaves a moment with no table folder, far too short for a whole query to land in, but not for this.
    /// </summary>
    private static void Probe(TempLake lake, ConcurrentQueue<string> problems, CancellationToken stop)
    {
        var folders = Tables.Select(t => Path.Combine(lake.Lake, t)).ToArray();
        while (!stop.IsCancellationRequested)
        {
            foreach (var folder in folders)
            {
                if (!Directory.Exists(folder))
                {
                    problems.Enqueue($"{folder} does not exist");
                }
            }
        }
    }

    /// <summary>
    /// Reader 0 reads as an analyst does, globbing through the table folder (docs/commit-protocol.md, "What readers
    /// see"): when a commit lands between DuckDB listing the files and opening them, the read fails with a missing
    /// file (names are content-addressed, so it can never open another version's bytes) and is retried; any other
    /// error is a problem. Reader 1 resolves the table's link first and globs that version folder, a snapshot read
    /// that must never fail. Both list the folder too: never empty, never anything but Parquet files (and the Iceberg
    /// metadata folder, with no Parquet file in it).
    /// </summary>
    private static void Read(TempLake lake, int reader, ConcurrentBag<(string, long)> seen, ConcurrentQueue<string> problems,
        ConcurrentBag<string> retried, CancellationToken stop)
    {
        using var duck = new Duck();
        var pass = 0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var table in Tables.Skip(pass++ % 2 == reader ? 0 : 3))
            {
                var folder = Path.Combine(lake.Lake, table);
                try
                {
                    // Data files, and the Iceberg metadata folder, which holds no Parquet file.
                    var listed = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                        .Where(f => !LakeCheck.IsIcebergMetadata(Path.GetRelativePath(folder, f)) || f.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
                    if (listed.Count == 0 || listed.Any(f => !f.EndsWith(".parquet", StringComparison.Ordinal) || LakeCheck.IsIcebergMetadata(Path.GetRelativePath(folder, f))))
                    {
                        problems.Enqueue($"{table}: listing {listed.Count} files: {string.Join(", ", listed.Select(Path.GetFileName).Take(5))}");
                    }
                    var read = reader == 0 ? folder : new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)!.FullName;
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            seen.Add((table, Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(read)}"))));
                            break;
                        }
                        catch (DuckDB.NET.Data.DuckDBException e) when (reader == 0 && attempt < 5 && e.Message.Contains("No such file or directory", StringComparison.Ordinal))
                        {
                            retried.Add($"{table}: {e.Message}");
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    problems.Enqueue($"{table} (reader {reader}): {e.GetType().Name}: {e.Message}");
                }
            }
        }
    }
}
