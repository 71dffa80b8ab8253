using System.Globalization;

namespace NbaLake.Bench;

/// <summary>The end-to-end comparison: NbaLake and the DuckDB peer on the same inputs, same machine, same invocation.</summary>
public static class Compare
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs each size: full runs of both, then NbaLake's no-op rerun and its one-new-day run (each from the same lake); medians of the runs.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> sizes, int runs, bool peer)
    {
        var (repo, data, bin, empty) = await SetUpAsync();
        var table = new List<string>
        {
            "| size | box-score rows | what | wall s | CPU s | peak RSS MB | NbaLake / DuckDB | lake |",
            "|---|---|---|---|---|---|---|---|",
        };
        foreach (var size in sizes)
        {
            var (landing, day) = await DataSets.PrepareAsync(data, size, DataSets.Shapes[size]);
            var rows = File.ReadLines(Path.Combine(landing, "games_details.csv")).LongCount() - 1;
            var (nba, duck) = (new List<ChildMetrics>(), new List<ChildMetrics>());
            var (lake, peerLake) = ("", "");
            for (var r = 0; r < runs; r++)
            {
                lake = Fresh(Path.Combine(data, size, "lake-nbalake"));
                nba.Add(Check(NbaLake(bin, lake, landing, empty)));
                if (peer)
                {
                    peerLake = Fresh(Path.Combine(data, size, "lake-duckdb"));
                    duck.Add(Check(ChildMetrics.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "NbaLake.Bench.dll"), "peer", repo, landing, peerLake])));
                }
                Console.WriteLine($"{size} run {r + 1}: NbaLake {nba[^1].WallSeconds:0.00} s" + (peer ? $", DuckDB {duck[^1].WallSeconds:0.00} s" : ""));
            }
            var (n, d) = (Median(nba), peer ? Median(duck) : null);
            var (nbaBytes, peerBytes) = (LakeStats.TableBytes(lake), peer ? LakeStats.TableBytes(peerLake) : 0);
            var groups = LakeStats.BronzeRowGroups(lake);
            var versus = peer ? FormattableString.Invariant($" ({(double)nbaBytes / peerBytes:0.00}× DuckDB's)") : "";
            table.Add(Row(size, rows, "NbaLake `run`", n, d is null ? "" : FormattableString.Invariant($"{n.WallSeconds / d.WallSeconds:0.00}×"),
                FormattableString.Invariant($"tables {nbaBytes / 1e6:0.0} MB{versus}, on disk {LakeStats.DiskBytes(lake) / 1e6:0.0} MB; bronze box scores: {groups.Files} files, {groups.RowGroups} row groups, largest {groups.MaxRows:N0} rows / {groups.MaxBytes / 1e6:0.0} MB; {Iceberg(lake)}")));
            if (d is not null)
            {
                table.Add(Row(size, rows, "DuckDB peer", d, "1.00×", string.Create(Inv, $"tables {peerBytes / 1e6:0.0} MB")));
            }
            var noop = Median([.. Enumerable.Range(0, runs).Select(_ => Check(NbaLake(bin, lake, landing, empty)))]);
            table.Add(Row(size, rows, "NbaLake no-op rerun", noop, "", Iceberg(lake)));
            // Each one-new-day run starts from the same lake, put back in place (its Iceberg metadata names this place).
            var (withDay, before) = (WithDay(landing, day), Fresh(lake + "-before-day"));
            CopyTree(lake, before);
            var incremental = Median([.. Enumerable.Range(0, runs).Select(r =>
            {
                if (r > 0)
                {
                    CopyTree(before, Fresh(lake));
                }
                return Check(NbaLake(bin, lake, withDay, empty));
            })]);
            Directory.Delete(before, recursive: true);
            table.Add(Row(size, rows, "NbaLake + one new day", incremental, "", string.Create(Inv, $"{incremental.WallSeconds / n.WallSeconds:0%} of a full run; {Iceberg(lake)}")));
        }
        Console.WriteLine();
        Console.WriteLine($"Medians of {runs} runs each.");
        table.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>
    /// Many small landed files in one run (half games files, half box-score files, one game each): how the run's time
    /// and the commit log's bytes grow with the number of files.
    /// </summary>
    public static async Task<int> SmallFilesAsync(IReadOnlyList<int> counts)
    {
        var (_, data, bin, empty) = await SetUpAsync();
        Console.WriteLine("| landed files | wall s | CPU s | peak RSS MB | files/s | commit log bytes | log bytes per file |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var count in counts)
        {
            var landing = await DataSets.SmallFilesAsync(data, count);
            var lake = Fresh(Path.Combine(data, $"small-{count}-lake"));
            var m = Check(NbaLake(bin, lake, landing, empty));
            var log = LakeStats.LogBytes(lake);
            Console.WriteLine(string.Create(Inv,
                $"| {count:N0} | {m.WallSeconds:0.00} | {m.CpuSeconds:0.00} | {m.PeakRssBytes / 1e6:0} | {count / m.WallSeconds:N0} | {log:N0} | {log / count:N0} |"));
        }
        return 0;
    }

    private static async Task<(string Repo, string Data, string Bin, string Empty)> SetUpAsync()
    {
        var repo = FindRepo();
        var data = Path.Combine(repo, "bench", "data");
        var empty = Path.Combine(data, "empty.json");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(empty, "{}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        return (repo, data, Publish(repo, Path.Combine(data, "nbalake")), empty);
    }

    /// <summary>
    /// NbaLake as a scheduled job is deployed (docs/operators.md): published for the machine (one native executable
    /// compiled ahead of time, as the project sets for a publish with a runtime identifier), so a run does not
    /// spend its first seconds compiling. The peer's DuckDB is native code too.
    /// </summary>
    private static string Publish(string repo, string output)
    {
        Console.WriteLine($"Publishing nbalake (Release, Native AOT) to {output} …");
        using var publish = System.Diagnostics.Process.Start("dotnet",
            ["publish", Path.Combine(repo, "src", "NbaLake"), "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo", "-v", "quiet"])!;
        publish.WaitForExit();
        return publish.ExitCode == 0 ? output : throw new InvalidOperationException("dotnet publish of src/NbaLake failed");
    }

    private static ChildMetrics NbaLake(string bin, string lake, string landing, string config) =>
        ChildMetrics.Run(Path.Combine(bin, "nbalake"), ["run", "--lake", lake, "--landing", landing, "--config", config, "-q"]);

    /// <summary>What the last run spent on the tables' Iceberg metadata, and what the metadata takes on disk.</summary>
    private static string Iceberg(string lake) =>
        string.Create(Inv, $"Iceberg metadata {LakeStats.IcebergMilliseconds(lake)} ms of the run, {LakeStats.IcebergBytes(lake) / 1e3:0} KB");

    private static string Row(string size, long rows, string what, ChildMetrics m, string ratio, string lake) =>
        string.Create(Inv, $"| {size} | {rows:N0} | {what} | {m.WallSeconds:0.00} | {m.CpuSeconds:0.00} | {m.PeakRssBytes / 1e6:0} | {ratio} | {lake} |");

    private static ChildMetrics Median(List<ChildMetrics> runs) => runs.OrderBy(r => r.WallSeconds).ElementAt(runs.Count / 2);

    private static ChildMetrics Check(ChildMetrics m) =>
        m.ExitCode == 0 ? m : throw new InvalidOperationException($"a benchmark process exited with {m.ExitCode}");

    private static string Fresh(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        return path;
    }

    /// <summary>A copy of a lake as it is, its links kept as links (<c>cp -a</c>).</summary>
    private static void CopyTree(string from, string to)
    {
        using var copy = System.Diagnostics.Process.Start("cp", ["-a", from, to])!;
        copy.WaitForExit();
        if (copy.ExitCode != 0)
        {
            throw new InvalidOperationException($"cp -a {from} {to} failed");
        }
    }

    /// <summary>
    /// A landing folder with the base files and the new day's, as a landing folder looks the day after: the base files as
    /// they were (copies that keep their modification time, so the run knows them from the landing index without reading
    /// them again, as it would in the folder it read yesterday) and the new day's files. Copies, not links: NbaLake
    /// refuses links of either kind in landing.
    /// </summary>
    private static string WithDay(string landing, string day)
    {
        var folder = Fresh(Path.Combine(Path.GetDirectoryName(landing)!, "with-day"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(landing).Concat(Directory.GetFiles(day)))
        {
            var copy = Path.Combine(folder, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(file));
        }
        return folder;
    }

    /// <summary>
    /// One size landed four ways, a full run each (medians of <paramref name="runs"/>): plain CSV; the box scores as
    /// <c>.csv.gz</c>; all three files in one <c>.zip</c>; plain CSV with both game sources in snapshot mode (the
    /// per-row filter of superseded file versions). What compressed landing and the snapshot filter cost.
    /// </summary>
    public static async Task<int> LandingsAsync(string size, int runs)
    {
        var (_, data, bin, empty) = await SetUpAsync();
        var (landing, _) = await DataSets.PrepareAsync(data, size, DataSets.Shapes[size]);
        var root = Path.Combine(data, size, "landings");
        var gz = Fresh(Path.Combine(root, "gz"));
        Directory.CreateDirectory(gz);
        foreach (var file in Directory.GetFiles(landing))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("games_details", StringComparison.Ordinal))
            {
                await using var input = File.OpenRead(file);
                await using var output = new System.IO.Compression.GZipStream(File.Create(Path.Combine(gz, name + ".gz")), System.IO.Compression.CompressionLevel.Optimal);
                await input.CopyToAsync(output);
            }
            else
            {
                File.Copy(file, Path.Combine(gz, name));
            }
        }
        var zip = Fresh(Path.Combine(root, "zip"));
        Directory.CreateDirectory(zip);
        System.IO.Compression.ZipFile.CreateFromDirectory(landing, Path.Combine(zip, "nba.zip"));
        var snapshotConfig = Path.Combine(root, "snapshot.json");
        await File.WriteAllTextAsync(snapshotConfig, """{ "Sources": { "Games": { "Mode": "snapshot" }, "GameDetails": { "Mode": "snapshot" } } }""");

        Console.WriteLine("| landing | landed MB | wall s | CPU s | peak RSS MB | against plain CSV |");
        Console.WriteLine("|---|---|---|---|---|---|");
        double? plain = null;
        foreach (var (what, folder, config) in new[]
        {
            ("plain CSV", landing, empty), ("box scores as .csv.gz", gz, empty), ("all three in one .zip", zip, empty), ("plain CSV, both game sources in snapshot mode", landing, snapshotConfig),
        })
        {
            var measured = new List<ChildMetrics>();
            for (var r = 0; r < runs; r++)
            {
                measured.Add(Check(NbaLake(bin, Fresh(Path.Combine(root, "lake")), folder, config)));
            }
            var m = Median(measured);
            plain ??= m.WallSeconds;
            var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
            Console.WriteLine(string.Create(Inv,
                $"| {what} | {bytes / 1e6:0.0} | {m.WallSeconds:0.00} | {m.CpuSeconds:0.00} | {m.PeakRssBytes / 1e6:0} | {m.WallSeconds / plain:0.00}× |"));
        }
        return 0;
    }

    public static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NbaLake.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run the bench from inside the repository");
    }
}
