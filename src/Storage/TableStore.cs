using System.Security.Cryptography;
using Serilog;

namespace NbaLake.Storage;

/// <summary>
/// Commits table versions (docs/commit-protocol.md). A version is a folder under <c>_meta/tables</c> holding all
/// of the table's files (files kept from the version before are hard links, not copies); it is committed by
/// writing its log entry; then the table folder readers glob, a symbolic link, is switched to it in one rename.
/// A reader therefore sees exactly one complete version at any moment. Tables own their rows; this store owns how
/// they reach disk.
/// </summary>
public sealed class TableStore(LakeLayout layout, string runId, ILogger log, int keepVersions = 10)
{
    /// <summary>Operation names in the commit log.</summary>
    public const string Append = "append", Replace = "replace", Restore = "restore";

    /// <summary>The run this store commits for: the batch id of what it appends.</summary>
    public string RunId { get; } = runId;

    public LakeLayout Layout { get; } = layout;

    /// <summary>The table's current version, or null before its first commit.</summary>
    public CommitEntry? Current(TableId table) => TableLog.ReadLast(Layout, table);

    /// <summary>Whether the table's current version was built from exactly these inputs (so rebuilding it would change nothing).</summary>
    public bool IsUpToDate(TableId table, IReadOnlyDictionary<string, string> inputs) =>
        Current(table) is { } current && SameInputs(inputs, current.Inputs);

    /// <summary>The input name and current version of a table, as recorded in the inputs of tables built from it.</summary>
    public KeyValuePair<string, string> VersionOf(TableId table) =>
        new(table.ToString(), (Current(table)?.Version ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every version in the log, oldest first.</summary>
    public IReadOnlyList<CommitEntry> History(TableId table) => TableLog.Read(Layout, table);

    /// <summary>Whether a version's files are still kept (the last <c>keepVersions</c> are).</summary>
    public bool IsRestorable(TableId table, int version) => Directory.Exists(Layout.VersionFolder(table, version));

    /// <summary>Every table that has a commit log, by layer then name.</summary>
    public IReadOnlyList<TableId> Tables()
    {
        var root = Path.Combine(Layout.Meta, "tables");
        return !Directory.Exists(root)
            ? []
            : [.. Directory.EnumerateDirectories(root).SelectMany(layer => Directory.EnumerateDirectories(layer)
                .Select(t => new TableId(Path.GetFileName(layer), Path.GetFileName(t))))
                .Where(t => Directory.Exists(Layout.LogFolder(t)))
                .OrderBy(t => t.Layer, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Makes <paramref name="files"/> the table's whole content. A file whose bytes equal the current version's file
    /// at the same path is kept as it is (same file, same <c>added_in</c>). Commits nothing, and returns null, when
    /// no file and no input changed.
    /// </summary>
    public Task<CommitEntry?> ReplaceAsync(TableId table, IReadOnlyList<TableFile> files, IReadOnlyDictionary<string, string> inputs, CancellationToken ct = default) =>
        CommitAsync(table, Replace, keep: [], files, inputs, ct);

    /// <summary>Adds <paramref name="files"/> to the table's current files (append-only tables).</summary>
    /// <param name="inputs">What the appended files came from, for lineage (bronze: the landed file and its SHA-256).</param>
    public Task<CommitEntry?> AppendAsync(TableId table, IReadOnlyList<TableFile> files, IReadOnlyDictionary<string, string>? inputs = null,
        CancellationToken ct = default)
    {
        var current = Current(table);
        return CommitAsync(table, Append, keep: current?.Files.Select(f => (f, current.Version)) ?? [], files, inputs ?? new Dictionary<string, string>(), ct);
    }

    /// <summary>Makes an old version current again, as a new commit (history is never rewritten).</summary>
    public async Task<CommitEntry> RestoreAsync(TableId table, int version, CancellationToken ct = default)
    {
        var old = History(table).FirstOrDefault(e => e.Version == version)
            ?? throw new ArgumentException($"{table} has no version {version}.", nameof(version));
        if (!IsRestorable(table, version))
        {
            throw new ArgumentException($"{table} v{version} is older than the last {keepVersions} versions: its files are gone.", nameof(version));
        }
        return (await CommitAsync(table, $"{Restore} v{version}", keep: old.Files.Select(f => (f, version)), [], old.Inputs, ct, restoredSchema: old.Schema))!;
    }

    /// <summary>The Parquet files of a table folder (any depth), in ordinal path order; none if it does not exist.</summary>
    public static IReadOnlyList<string> ListParquetFiles(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];

    private async Task<CommitEntry?> CommitAsync(
        TableId table, string operation, IEnumerable<(CommittedFile File, int Version)> keep, IReadOnlyList<TableFile> files,
        IReadOnlyDictionary<string, string> inputs, CancellationToken ct, IReadOnlyList<string>? restoredSchema = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var current = Current(table);
        var version = (current?.Version ?? 0) + 1;
        var folder = Layout.VersionFolder(table, version);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // left by a run that died before committing it
        }
        Directory.CreateDirectory(folder);

        var currentFiles = current?.Files.ToDictionary(f => f.Path, StringComparer.Ordinal) ?? [];
        var newPaths = files.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
        var committed = new List<CommittedFile>();
        foreach (var (kept, from) in keep.Where(k => !newPaths.Contains(k.File.Path)))
        {
            FileOps.HardLink(Path.Combine(Layout.VersionFolder(table, from), kept.Path), Path.Combine(folder, kept.Path));
            committed.Add(kept);
        }
        // Files are independent: write them on every core. Each file's bytes depend on its rows only, and the list is
        // sorted below, so the version is the same whatever order the threads finish in.
        var written = new CommittedFile[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { CancellationToken = ct },
            async (i, token) => written[i] = await WriteFileAsync(table, current, currentFiles, folder, files[i], version, token));
        committed.AddRange(written);
        committed.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

        if (restoredSchema is null && current is not null && SameFiles(committed, current.Files) && SameInputs(inputs, current.Inputs))
        {
            Directory.Delete(folder, recursive: true);
            log.Information("{Table} is unchanged at v{Version}: nothing to commit", table.ToString(), current.Version);
            return null;
        }
        var schema = restoredSchema ?? (files.Count > 0 ? files[0].SchemaText : current?.Schema ?? []);
        var entry = new CommitEntry(table.ToString(), version, RunId, DateTimeOffset.UtcNow, operation, committed.Sum(f => f.Rows), committed, schema, inputs);
        TableLog.Write(Layout, table, entry);
        PointTableAt(table, version);
        DropOldVersions(table, version);
        var added = committed.Where(f => f.AddedIn == version).ToList();
        log.Information("Committed {Table} v{Version} ({Operation}): {Files} files, {Rows} rows; {NewFiles} files, {NewRows} rows written in {ElapsedMs} ms",
            table.ToString(), version, operation, committed.Count, entry.Rows, added.Count, added.Sum(f => f.Rows),
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return entry;
    }

    private async Task<CommittedFile> WriteFileAsync(
        TableId table, CommitEntry? current, Dictionary<string, CommittedFile> currentFiles, string folder, TableFile file, int version, CancellationToken ct)
    {
        var path = Path.Combine(folder, file.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            await file.WriteAsync(stream, ct);
            stream.Flush(flushToDisk: true);
        }
        var size = new FileInfo(path).Length;
        string sha;
        await using (var read = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, ct));
        }
        if (currentFiles.TryGetValue(file.RelativePath, out var old) && old.Sha256 == sha)
        {
            // Same bytes as the current version: keep that very file, so unchanged partitions stay untouched.
            File.Delete(path);
            FileOps.HardLink(Path.Combine(Layout.VersionFolder(table, current!.Version), old.Path), path);
            return old;
        }
        log.Debug("Wrote {Table}/{File}: {Rows} rows, {Bytes} bytes", table.ToString(), file.RelativePath, file.Rows, size);
        return new CommittedFile(file.RelativePath, size, sha, file.Rows, version);
    }

    /// <summary>Switches the table folder (a symbolic link) to a version folder; the rename is atomic.</summary>
    private void PointTableAt(TableId table, int version)
    {
        var link = Layout.TableFolder(table);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        var target = Path.GetRelativePath(Path.GetDirectoryName(link)!, Layout.VersionFolder(table, version));
        FileOps.PointLink(link, target);
    }

    private void DropOldVersions(TableId table, int current)
    {
        foreach (var dir in Directory.EnumerateDirectories(Layout.TableMeta(table), "v*"))
        {
            if (int.TryParse(Path.GetFileName(dir)[1..], out var v) && v <= current - keepVersions)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>
    /// Brings every table back to its last committed version after a run died: removes version folders that were
    /// never committed and half-written log entries, and points each table folder at its last committed version.
    /// Call it holding the lake lock.
    /// </summary>
    public void Recover()
    {
        foreach (var layer in Directory.Exists(Layout.Root) ? Directory.EnumerateDirectories(Layout.Root) : [])
        {
            foreach (var temp in Directory.EnumerateFileSystemEntries(layer, ".*.link-tmp"))
            {
                FileOps.DeleteLink(temp); // a link a dead run made but never renamed into place
            }
        }
        foreach (var table in Tables())
        {
            var last = Current(table);
            foreach (var temp in Directory.EnumerateFiles(Layout.LogFolder(table), "*.tmp"))
            {
                File.Delete(temp);
            }
            foreach (var dir in Directory.EnumerateDirectories(Layout.TableMeta(table), "v*"))
            {
                if (int.TryParse(Path.GetFileName(dir)[1..], out var v) && v > (last?.Version ?? 0))
                {
                    log.Warning("Removed {Table} {Version}: a run died before committing it", table.ToString(), Path.GetFileName(dir));
                    Directory.Delete(dir, recursive: true);
                }
            }
            if (last is not null)
            {
                var link = Layout.TableFolder(table);
                var expected = Path.GetRelativePath(Path.GetDirectoryName(link)!, Layout.VersionFolder(table, last.Version));
                if (new FileInfo(link).LinkTarget != expected)
                {
                    log.Warning("Pointed {Table} at its last committed version v{Version}: a run died between commit and switch", table.ToString(), last.Version);
                    PointTableAt(table, last.Version);
                }
            }
        }
    }

    private static bool SameFiles(List<CommittedFile> a, IReadOnlyList<CommittedFile> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Path == p.Second.Path && p.First.Sha256 == p.Second.Sha256);

    private static bool SameInputs(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
