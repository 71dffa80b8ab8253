using System.Diagnostics;
using Serilog;

namespace NbaLake.Storage;

/// <summary>
/// Writes table versions into the lake. Every file is written in full under <c>_meta/staging</c> first and then
/// renamed into the table folder, so a reader globbing <c>&lt;layer&gt;/&lt;table&gt;/**/*.parquet</c> never sees a
/// half-written file. Tables own their rows; this store owns how they reach disk.
/// </summary>
public sealed class TableStore(LakeLayout layout, string runId, ILogger log)
{
    /// <summary>The run this store writes for: the batch id of what it appends.</summary>
    public string RunId { get; } = runId;

    private string StagingRoot => Path.Combine(layout.Meta, "staging", RunId);

    /// <summary>Makes <paramref name="files"/> the table's whole content: new files land, files not named go.</summary>
    public async Task ReplaceAsync(TableId table, IReadOnlyList<TableFile> files, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var folder = layout.TableFolder(table);
        var staged = await StageAsync(table, files, ct);
        Directory.CreateDirectory(folder);
        foreach (var (file, stagedPath) in staged)
        {
            Publish(stagedPath, Path.Combine(folder, file.RelativePath), overwrite: true);
        }
        RemoveAllBut(folder, files.Select(f => Path.GetFullPath(Path.Combine(folder, f.RelativePath))).ToHashSet(StringComparer.Ordinal));
        CleanStaging(table);
        log.Information("Wrote {Table}: {Files} files, {Rows} rows in {ElapsedMs} ms",
            table.ToString(), files.Count, files.Sum(f => f.Rows), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Adds <paramref name="files"/> to the table; existing files stay as they are (append-only tables).</summary>
    public async Task AppendAsync(TableId table, IReadOnlyList<TableFile> files, CancellationToken ct = default)
    {
        var folder = layout.TableFolder(table);
        var staged = await StageAsync(table, files, ct);
        foreach (var (file, stagedPath) in staged)
        {
            Publish(stagedPath, Path.Combine(folder, file.RelativePath), overwrite: false);
        }
        CleanStaging(table);
        log.Information("Appended to {Table}: {Files} files, {Rows} rows", table.ToString(), files.Count, files.Sum(f => f.Rows));
    }

    /// <summary>The Parquet files of a table folder (any depth), in ordinal path order; none if it does not exist.</summary>
    public static IReadOnlyList<string> ListParquetFiles(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];

    private async Task<List<(TableFile File, string Staged)>> StageAsync(TableId table, IReadOnlyList<TableFile> files, CancellationToken ct)
    {
        var staged = new List<(TableFile, string)>(files.Count);
        foreach (var file in files)
        {
            var path = Path.Combine(StagingRoot, table.Layer, table.Name, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await file.WriteAsync(stream, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            staged.Add((file, path));
        }
        return staged;
    }

    private static void Publish(string stagedPath, string target, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // A rename within one file system is atomic: readers see the old file or the new one, never a part.
        File.Move(stagedPath, target, overwrite);
    }

    private static void RemoveAllBut(string folder, HashSet<string> keep)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList())
        {
            if (!keep.Contains(Path.GetFullPath(path)))
            {
                File.Delete(path);
            }
        }
        foreach (var dir in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToList())
        {
            if (!Directory.EnumerateFileSystemEntries(dir).Any())
            {
                Directory.Delete(dir);
            }
        }
    }

    private void CleanStaging(TableId table)
    {
        var dir = Path.Combine(StagingRoot, table.Layer, table.Name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
