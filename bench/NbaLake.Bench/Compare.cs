using System.Globalization;

namespace NbaLake.Bench;

/// <summary>The end-to-end comparison: NbaLake and the DuckDB peer on the same inputs, same machine, same run.</summary>
public static class Compare
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(IReadOnlyList<string> sizes, int runs)
    {
        var repo = FindRepo();
        var data = Path.Combine(repo, "bench", "data");
        var bin = AppContext.BaseDirectory;
        var empty = Path.Combine(data, "empty.json");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(empty, "{}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var table = new List<string> { "| size | box-score rows | what | wall s | CPU s | peak RSS MB | rows/s | NbaLake / DuckDB (wall) |", "|---|---|---|---|---|---|---|---|" };
        foreach (var size in sizes)
        {
            var (landing, day) = await DataSets.PrepareAsync(data, size, size == "10x" ? DataSets.TenTimes : DataSets.Full);
            var rows = File.ReadLines(Path.Combine(landing, "games_details.csv")).LongCount() - 1;
            var nba = new List<ChildMetrics>();
            var duck = new List<ChildMetrics>();
            var lake = "";
            for (var r = 0; r < runs; r++)
            {
                lake = Fresh(Path.Combine(data, size, "lake-nbalake"));
                nba.Add(Check(ChildMetrics.Run("dotnet", [Path.Combine(bin, "nbalake.dll"), "run", "--lake", lake, "--landing", landing, "--config", empty, "-q"])));
                var peerLake = Fresh(Path.Combine(data, size, "lake-duckdb"));
                duck.Add(Check(ChildMetrics.Run("dotnet", [Path.Combine(bin, "NbaLake.Bench.dll"), "peer", repo, landing, peerLake])));
                Console.WriteLine($"{size} run {r + 1}: NbaLake {nba[^1].WallSeconds:0.00} s, DuckDB {duck[^1].WallSeconds:0.00} s");
            }
            var noop = Check(ChildMetrics.Run("dotnet", [Path.Combine(bin, "nbalake.dll"), "run", "--lake", lake, "--landing", landing, "--config", empty, "-q"]));
            var withDay = WithDay(landing, day);
            var incremental = Check(ChildMetrics.Run("dotnet", [Path.Combine(bin, "nbalake.dll"), "run", "--lake", lake, "--landing", withDay, "--config", empty, "-q"]));
            var (n, d) = (Median(nba), Median(duck));
            table.Add(Row(size, rows, "NbaLake `run`", n, rows, $"{n.WallSeconds / d.WallSeconds:0.00}"));
            table.Add(Row(size, rows, "DuckDB peer", d, rows, "1.00"));
            table.Add(Row(size, rows, "NbaLake no-op rerun", noop, 0, ""));
            table.Add(Row(size, rows, "NbaLake + one new day", incremental, 0, $"{incremental.WallSeconds / n.WallSeconds:0%} of a full run"));
        }
        Console.WriteLine();
        Console.WriteLine($"Medians of {runs} runs each (no-op and one-day runs: one each).");
        table.ForEach(Console.WriteLine);
        return 0;
    }

    private static string Row(string size, long rows, string what, ChildMetrics m, long counted, string ratio) =>
        string.Create(Inv, $"| {size} | {rows:N0} | {what} | {m.WallSeconds:0.00} | {m.CpuSeconds:0.00} | {m.PeakRssBytes / 1e6:0} | {(counted > 0 ? (counted / m.WallSeconds).ToString("N0", Inv) : "")} | {ratio} |");

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

    /// <summary>A landing folder with the base files and the new day's: copies, since NbaLake refuses links.</summary>
    private static string WithDay(string landing, string day)
    {
        var folder = Fresh(Path.Combine(Path.GetDirectoryName(landing)!, "with-day"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(landing).Concat(Directory.GetFiles(day)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    private static string FindRepo()
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
