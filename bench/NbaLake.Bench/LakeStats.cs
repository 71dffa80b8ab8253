using ParquetSharp;

namespace NbaLake.Bench;

/// <summary>What a lake holds on disk: bytes per table (the files a reader globs), and the shape of bronze's row groups.</summary>
public static class LakeStats
{
    /// <summary>The tables both pipelines write, by path below the lake root.</summary>
    public static readonly string[] SharedTables =
        ["bronze/games", "bronze/game_details", "silver/games", "silver/fct_game_details", "gold/agg_game_details", "gold/team_best_stretch", "gold/player_scoring_streaks", "gold/answers"];

    /// <summary>Bytes of the Parquet files below each table folder (through the table links).</summary>
    public static long TableBytes(string lake) =>
        SharedTables.Sum(t => Directory.Exists(Path.Combine(lake, t))
            ? Directory.EnumerateFiles(Path.Combine(lake, t), "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : 0);

    /// <summary>Bytes of everything below the lake root, each file once (version folders share files by hard link): <c>du -sb</c>.</summary>
    public static long DiskBytes(string lake)
    {
        using var du = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("du", ["-sb", lake]) { RedirectStandardOutput = true })!;
        var output = du.StandardOutput.ReadToEnd();
        du.WaitForExit();
        return long.Parse(output.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Bronze box scores: files, row groups, and the largest row group in rows and in compressed bytes.</summary>
    public static (int Files, int RowGroups, long MaxRows, long MaxBytes) BronzeRowGroups(string lake)
    {
        var (files, groups, maxRows, maxBytes) = (0, 0, 0L, 0L);
        foreach (var path in Directory.EnumerateFiles(Path.Combine(lake, "bronze", "game_details"), "*.parquet", SearchOption.AllDirectories))
        {
            using var reader = new ParquetFileReader(path);
            files++;
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                groups++;
                maxRows = Math.Max(maxRows, group.MetaData.NumRows);
                maxBytes = Math.Max(maxBytes, Enumerable.Range(0, reader.FileMetaData.NumColumns).Sum(c => group.MetaData.GetColumnChunkMetaData(c).TotalCompressedSize));
            }
        }
        return (files, groups, maxRows, maxBytes);
    }

    /// <summary>Bytes of every table's Iceberg metadata (metadata files, manifest lists, manifests; each file once).</summary>
    public static long IcebergBytes(string lake) =>
        Directory.Exists(Path.Combine(lake, "_meta", "tables"))
            ? Directory.EnumerateDirectories(Path.Combine(lake, "_meta", "tables"), "metadata", SearchOption.AllDirectories)
                .Where(d => new DirectoryInfo(d).LinkTarget is null)
                .SelectMany(d => Directory.EnumerateFiles(d)).Sum(f => new FileInfo(f).Length)
            : 0;

    /// <summary>The milliseconds the newest run spent on Iceberg metadata, from its JSON log (the job logs it at the end of every run).</summary>
    public static long IcebergMilliseconds(string lake)
    {
        var newest = new DirectoryInfo(Path.Combine(lake, "logs")).EnumerateFiles("run-*.json").MaxBy(f => f.Name)!;
        var line = File.ReadLines(newest.FullName).Last(l => l.Contains("\"IcebergMs\"", StringComparison.Ordinal));
        using var json = System.Text.Json.JsonDocument.Parse(line);
        return json.RootElement.GetProperty("IcebergMs").GetInt64();
    }

    /// <summary>Bytes of the commit logs (entries and checkpoints) of every table.</summary>
    public static long LogBytes(string lake) =>
        Directory.Exists(Path.Combine(lake, "_meta", "tables"))
            ? Directory.EnumerateDirectories(Path.Combine(lake, "_meta", "tables"), "log", SearchOption.AllDirectories)
                .SelectMany(d => Directory.EnumerateFiles(d)).Sum(f => new FileInfo(f).Length)
            : 0;
}
