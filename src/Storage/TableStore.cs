using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NbaLake.Storage.Iceberg;
using Serilog;

namespace NbaLake.Storage;

/// <summary>
/// Commits table versions (docs/commit-protocol.md). A version is a folder under <c>_meta/tables</c> holding all of
/// the table's files (files kept from the version before are hard links, not copies); it is committed by writing its
/// log entry; then the table folder readers glob, a symbolic link, is switched to it in one rename. A reader therefore
/// sees exactly one complete version at any moment. Tables own their rows; this store owns how they reach disk.
/// The state of each table is read from its log once per process and then kept up to date by this store's own commits
/// (one writer per lake holds the lock).
/// </summary>
public sealed class TableStore(LakeLayout layout, string runId, ILogger log, int keepVersions = 10)
{
    /// <summary>Operation names in the commit log.</summary>
    public const string Append = "append", Replace = "replace", Restore = "restore", Rebuild = "rebuild";

    private readonly Dictionary<TableId, TableState?> states = [];
    private readonly HashSet<TableId> rebuilding = [];
    private readonly VersionCheck check = new();
    private readonly IcebergTable iceberg = new(layout, log);
    private readonly Lock gate = new();
    private readonly LakeManifest manifest = new(layout);

    /// <summary>
    /// Does ahead of time, on another core, what every command's first commit and first read pay for once: building the
    /// JSON contracts of the commit log and the manifest, loading the native Parquet library and writing and reading one
    /// row of every column type in memory. Safe to run beside anything (each is a cache built once, nothing touches the
    /// disk); a failure here is left for the real use to report.
    /// </summary>
    public static void Warm()
    {
        System.Security.Cryptography.SHA256.HashData([]); // loads OpenSSL, which every commit's hash needs (about 20 ms)
        TableLog.Warm();
        LakeManifest.Warm();
        Columnar.Warm();
    }

    /// <summary>The run this store commits for: the batch id of what it appends.</summary>
    public string RunId { get; } = runId;

    public LakeLayout Layout { get; } = layout;

    /// <summary>
    /// The table's current state, or null before its first commit. Read from the log once, then kept; a commit made
    /// by another store since (another process, a reader's view of a writer) is noticed by the next entry's file.
    /// </summary>
    public TableState? State(TableId table)
    {
        lock (gate)
        {
            if (!states.TryGetValue(table, out var state) || TableLog.HasEntry(Layout, table, (state?.Version ?? 0) + 1))
            {
                state = states[table] = TableLog.ReadState(Layout, table);
            }
            return state;
        }
    }

    /// <summary>The entry of the table's current version, or null before its first commit.</summary>
    public CommitEntry? Current(TableId table) => State(table)?.Last;

    /// <summary>The table as it was at an older version (its files are on disk only while the version is kept).</summary>
    public TableState? StateAt(TableId table, int version) => TableLog.ReadState(Layout, table, version);

    /// <summary>Whether the table's current version was built from exactly these inputs (so rebuilding it would change nothing).</summary>
    public bool IsUpToDate(TableId table, IReadOnlyDictionary<string, string> inputs) =>
        !IsRebuilding(table) && Current(table) is { } current && SameInputs(inputs, current.Inputs);

    /// <summary>
    /// Marks tables to rebuild from their upstream in this run (<c>nbalake rebuild</c>): the runner does not skip their
    /// steps, their steps rebuild every partition, and their next commit holds freshly written files only, never a file
    /// linked from the current version (which may be damaged), even where the bytes come out the same.
    /// </summary>
    public void MarkForRebuild(IEnumerable<TableId> tables)
    {
        lock (gate)
        {
            rebuilding.UnionWith(tables);
        }
    }

    /// <summary>Whether the table's next commit is a rebuild (<see cref="MarkForRebuild"/>).</summary>
    public bool IsRebuilding(TableId table)
    {
        lock (gate)
        {
            return rebuilding.Contains(table);
        }
    }

    /// <summary>
    /// What is wrong with a version's files against its log entry (empty when intact): a file missing, of another size,
    /// with other bytes (when <paramref name="hashes"/>: every byte is read), or a file the log does not list.
    /// </summary>
    public IReadOnlyList<string> Damage(TableId table, int version, bool hashes = true)
    {
        var state = version == Current(table)?.Version ? State(table) : StateAt(table, version);
        return state is null ? [$"the log has no v{version}"] : check.Problems(Layout.VersionFolder(table, version), state, hashes);
    }

    /// <summary>
    /// The current versions whose files are missing, of another size than logged, or joined by files the log does not
    /// list: a stat per file, no byte read, so every run makes this check (with <paramref name="hashes"/>, every byte is
    /// read: <c>nbalake verify</c>, and the search for what made a read fail). Tables
    /// marked for rebuild are left out: their files are about to be replaced.
    /// </summary>
    public IReadOnlyList<TableDamage> DamagedTables(bool hashes = false) =>
        [.. Tables().Where(t => !IsRebuilding(t) && Current(t) is not null)
            .Select(t => new TableDamage(t, Current(t)!.Version, true, [.. LinkProblems(t, Current(t)!.Version), .. Damage(t, Current(t)!.Version, hashes)]))
            .Where(d => d.Problems.Count > 0)];

    /// <summary>
    /// Whether readers see the current version: the table's folder is a link to it. (A folder in its place, a copy made
    /// with <c>cp -rL</c>, is for <see cref="Recover"/> to put back.)
    /// </summary>
    public IEnumerable<string> LinkProblems(TableId table, int version)
    {
        var link = Layout.TableFolder(table);
        var target = new DirectoryInfo(link).LinkTarget;
        if (target is null)
        {
            return Directory.Exists(link) ? [] : [$"its folder {link} is missing (readers find no table)"];
        }
        return Path.GetFullPath(target, Path.GetDirectoryName(link)!) == Path.GetFullPath(Layout.VersionFolder(table, version))
            ? []
            : [$"{link} points at {target}, not at the current version v{version} (a run that died between commit and switch leaves this; the next run points it right)"];
    }

    /// <summary>The input name and current version of a table, as recorded in the inputs of tables built from it.</summary>
    public KeyValuePair<string, string> VersionOf(TableId table) =>
        new(table.ToString(), (Current(table)?.Version ?? 0).ToString(CultureInfo.InvariantCulture));

    /// <summary>Every version in the log, oldest first.</summary>
    public IReadOnlyList<CommitEntry> History(TableId table) =>
        [.. TableLog.List(Layout, table).Entries.Select(v => TableLog.ReadEntry(Layout, table, v))];

    /// <summary>Whether a version's files are still kept (the last <c>keepVersions</c> are), damaged or not.</summary>
    public bool IsKept(TableId table, int version) => Directory.Exists(Layout.VersionFolder(table, version));

    /// <summary>
    /// The tables whose history is lost: named by the lake's manifest (<see cref="LakeManifest"/>) but with no commit log,
    /// or a log that ends before the version the manifest records; and table folders (links into the versions) with no
    /// log behind them, for a lake that lost its manifest too. Empty for an intact lake and for a new one.
    /// </summary>
    public IReadOnlyList<TableDamage> LostHistory()
    {
        var lost = new List<TableDamage>();
        var logged = Tables().ToDictionary(t => t.ToString(), t => TableLog.List(Layout, t).Entries.LastOrDefault(), StringComparer.Ordinal);
        foreach (var (name, version) in manifest.Tables ?? new Dictionary<string, int>())
        {
            var table = new TableId(name[..name.IndexOf('.', StringComparison.Ordinal)], name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            var last = logged.GetValueOrDefault(name);
            if (last == 0)
            {
                var log = Layout.LogFolder(table);
                lost.Add(new TableDamage(table, version, true,
                    [$"{LakeManifest.FileName} records it at v{version}, but its commit log {log} is {(Directory.Exists(log) ? "empty" : "gone")}"]));
            }
            else if (last < version)
            {
                lost.Add(new TableDamage(table, version, true,
                    [$"its commit log {Layout.LogFolder(table)} ends at v{last}, but {LakeManifest.FileName} records v{version}: the entries after v{last} are gone"]));
            }
        }
        foreach (var folder in TableLinks().Where(t => !logged.ContainsKey(t.ToString()) && !lost.Any(l => l.Table == t)))
        {
            lost.Add(new TableDamage(folder, 0, true, [$"{Layout.TableFolder(folder)} is a table's folder, but its commit log {Layout.LogFolder(folder)} is gone"]));
        }
        return lost;
    }

    /// <summary>
    /// Stops a command on a lake whose history is lost (<see cref="LostHistory"/>), with what to do, before it reads or
    /// writes anything. Tables in <paramref name="rebuilding"/> (<c>nbalake rebuild</c>) are let through: they are built
    /// again from the layer below as new tables, and the manifest forgets their old versions.
    /// </summary>
    public void ThrowIfHistoryLost(IReadOnlyCollection<TableId>? rebuilding = null)
    {
        var lost = LostHistory();
        foreach (var table in lost.Where(l => rebuilding?.Contains(l.Table) == true).Select(l => l.Table))
        {
            log.Warning("The history of {Table} is lost: it is built again from the layer below, as a new table from v1 (its old versions are gone)", table.ToString());
            manifest.Forget(table);
        }
        var left = lost.Where(l => rebuilding?.Contains(l.Table) != true).ToList();
        if (left.Count > 0)
        {
            // The highest folder that is gone, or each table's: one path to restore, where one does it.
            var tablesFolder = Path.GetDirectoryName(Path.GetDirectoryName(Layout.TableMeta(left[0].Table)))!;
            var paths = !Directory.Exists(Layout.Meta) ? $"'{Layout.Meta}'"
                : !Directory.Exists(tablesFolder) ? $"'{tablesFolder}'"
                : string.Join(", ", left.Select(l => $"'{Layout.TableMeta(l.Table)}'").Distinct());
            throw new LakeHistoryLostException(left,
                $"restore the lost folders ({paths}) from a copy of the lake: cp -a, rsync -aH and tar keep its links and versions, so copy the whole lake back or just those folders. " +
                "Without a copy the history cannot be recovered, and no run starts these tables again on its own: for silver and gold tables, 'nbalake rebuild <layer>' builds them again " +
                "from the layer below as new tables (from v1; their old versions are gone), which needs that layer's history intact; bronze has no layer below it, so for a lost bronze table " +
                "move the lake aside and run again with every file ever landed in landing, which builds a new lake.");
        }
    }

    /// <summary>Table folders below the lake root that are links into the versions (whatever their logs say).</summary>
    private IEnumerable<TableId> TableLinks()
    {
        if (!Directory.Exists(Layout.Root))
        {
            yield break;
        }
        var versions = Path.Combine(LakeLayout.MetaFolderName, "tables");
        foreach (var layer in Directory.EnumerateDirectories(Layout.Root).Where(d => Path.GetFileName(d) != LakeLayout.MetaFolderName))
        {
            // A hidden entry is no table: a run killed during a switch leaves .<table>.link-tmp, which recovery removes.
            foreach (var entry in Directory.EnumerateFileSystemEntries(layer).Where(e => !Path.GetFileName(e).StartsWith('.')))
            {
                if (new FileInfo(entry).LinkTarget is { } target && target.Contains(versions, StringComparison.Ordinal))
                {
                    yield return new TableId(Path.GetFileName(layer), Path.GetFileName(entry));
                }
            }
        }
    }

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

    /// <summary>Starts the table's next version: an empty folder to write files into, invisible to readers until committed.</summary>
    public PendingVersion Begin(TableId table)
    {
        var current = State(table);
        var folder = Layout.VersionFolder(table, (current?.Version ?? 0) + 1);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // left by a run that died before committing it
        }
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Layout.IcebergFolder(table)); // the link below never dangles, even before the first metadata
        FileOps.LinkIcebergFolder(folder);
        return new PendingVersion(this, table, current, folder);
    }

    /// <summary>
    /// Makes <paramref name="files"/> the table's whole content. A file whose bytes equal the current version's file
    /// at the same path is kept as it is (same file, same <c>added_in</c>). Commits nothing, and returns null, when
    /// no file and no input changed.
    /// </summary>
    public Task<CommitEntry?> ReplaceAsync(TableId table, IReadOnlyList<TableFile> files, IReadOnlyDictionary<string, string> inputs, CancellationToken ct = default) =>
        WriteAsync(table, Replace, _ => true, files, inputs, ct);

    /// <summary>Adds <paramref name="files"/> to the table's current files (append-only tables).</summary>
    /// <param name="inputs">What the appended files came from, for lineage.</param>
    public Task<CommitEntry?> AppendAsync(TableId table, IReadOnlyList<TableFile> files, IReadOnlyDictionary<string, string>? inputs = null,
        CancellationToken ct = default) =>
        WriteAsync(table, Append, _ => false, files, inputs ?? new Dictionary<string, string>(), ct);

    private async Task<CommitEntry?> WriteAsync(TableId table, string operation, Func<CommittedFile, bool> remove, IReadOnlyList<TableFile> files,
        IReadOnlyDictionary<string, string> inputs, CancellationToken ct)
    {
        using var pending = Begin(table);
        // Files are independent: written on every core. Each file's bytes depend on its rows only, so the version is
        // the same whatever order the threads finish in.
        await Parallel.ForEachAsync(files, ct, async (file, token) => await pending.WriteAsync(file, token));
        return pending.Commit(operation, remove, inputs);
    }

    /// <summary>Makes an old version current again, as a new commit (history is never rewritten).</summary>
    public CommitEntry RestoreVersion(TableId table, int version)
    {
        var old = StateAt(table, version) ?? throw new ArgumentException($"{table} has no version {version}.", nameof(version));
        if (!IsKept(table, version))
        {
            throw new ArgumentException($"{table} v{version} is older than the last {keepVersions} versions: its files are gone.", nameof(version));
        }
        if (Damage(table, version) is { Count: > 0 } damage)
        {
            throw new LakeDamagedException([new TableDamage(table, version, false, damage)]);
        }
        var current = State(table)!;
        using var pending = Begin(table);
        var meta = current.Meta.Keys.Where(k => !old.Meta.ContainsKey(k)).ToDictionary(k => k, _ => (JsonNode?)null, StringComparer.Ordinal);
        foreach (var (key, value) in old.Meta)
        {
            meta[key] = value;
        }
        return Commit(pending, $"{Restore} v{version}", _ => true, old.Files, old.Schema, old.Inputs, meta, restoredFrom: version, force: true)!;
    }

    /// <summary>The Parquet files of a table folder (any depth), in ordinal path order; none if it does not exist.</summary>
    public static IReadOnlyList<string> ListParquetFiles(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The commit itself (docs/commit-protocol.md, steps 2 to 6), for a pending version.</summary>
    internal CommitEntry? Commit(PendingVersion pending, string operation, Func<CommittedFile, bool> remove, IReadOnlyDictionary<string, CommittedFile> written,
        IReadOnlyList<string>? schema, IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, JsonNode?> meta,
        int? restoredFrom = null, bool force = false)
    {
        var started = Stopwatch.GetTimestamp();
        var (table, current, folder, version) = (pending.Table, pending.Current, pending.Folder, pending.Version);
        var rebuild = IsRebuilding(table);
        var files = new SortedDictionary<string, CommittedFile>(StringComparer.Ordinal);
        foreach (var file in current?.Files.Values ?? [])
        {
            if (!remove(file) && !written.ContainsKey(PendingVersion.Slot(file.Path)))
            {
                files[file.Path] = file;
                LinkKept(table, current!.Version, file, folder, isCurrent: true);
            }
        }
        var from = restoredFrom ?? current?.Version;
        foreach (var file in written.Values)
        {
            // Names are content-addressed: a current file of the same name has the same bytes. Link that very file, so
            // unchanged partitions stay untouched (same inode, same added_in); a restore links all of the old version's.
            var target = Path.Combine(folder, file.Path);
            var old = restoredFrom is null ? current?.Files.GetValueOrDefault(file.Path) : file;
            if (!rebuild && from is not null && old is not null && old.Sha256 == file.Sha256)
            {
                if (File.Exists(target))
                {
                    File.Delete(target);
                }
                LinkKept(table, from.Value, old, folder, isCurrent: restoredFrom is null);
                files[file.Path] = old;
            }
            else
            {
                files[file.Path] = file;
            }
        }

        var removed = current?.Files.Keys.Where(p => !files.TryGetValue(p, out var f) || f.Sha256 != current.Files[p].Sha256).ToList() ?? [];
        // A rebuild lists every file it wrote, even one whose bytes the current version has: these are new copies.
        var added = files.Values.Where(f => f.AddedIn == version || current?.Files.GetValueOrDefault(f.Path) is not { } c || c.Sha256 != f.Sha256).ToList();
        var metaChanges = meta.Where(m => !SameMeta(current?.Meta.GetValueOrDefault(m.Key), m.Value)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        if (rebuild)
        {
            (operation, force) = (Rebuild, true);
        }
        if (!force && current is not null && removed.Count == 0 && added.Count == 0 && metaChanges.Count == 0 && SameInputs(inputs, current.Inputs))
        {
            pending.Dispose();
            log.Information("{Table} is unchanged at v{Version}: nothing to commit", table.ToString(), current.Version);
            return null;
        }
        var entry = new CommitEntry(table.ToString(), version, RunId, DateTimeOffset.UtcNow, operation, files.Values.Sum(f => f.Rows), files.Count,
            added, removed, schema ?? current?.Schema ?? [], inputs, metaChanges);
        TableLog.WriteEntry(Layout, table, entry);
        pending.Done();
        manifest.Record(table, version);
        var state = TableState.Apply(current, entry);
        lock (gate)
        {
            states[table] = state;
            rebuilding.Remove(table);
        }
        PointTableAt(table, version);
        if (rebuild)
        {
            HealKeptVersions(table, version, [.. files.Values.Where(f => f.AddedIn == version)]);
        }
        TableLog.WriteCheckpointIfDue(Layout, table, state);
        WriteIceberg(table, state);
        DropOldVersions(table, version);
        var fresh = added.Where(f => f.AddedIn == version).ToList();
        foreach (var file in fresh)
        {
            log.Debug("Wrote {Table}/{File}: " + Counted.Hole("Rows:N0", file.Rows, "row") + ", {Bytes:N0} bytes", table.ToString(), file.Path, file.Rows, file.Size);
        }
        LogCommit(entry, fresh, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return entry;
    }

    /// <summary>
    /// The commit's line: what it wrote, and what the version holds when that is more (the store's commit event, which
    /// the live progress counts by its NewFiles and NewRows).
    /// </summary>
    private void LogCommit(CommitEntry entry, List<CommittedFile> fresh, long elapsedMs)
    {
        var (newRows, newFiles) = (fresh.Sum(f => f.Rows), fresh.Count);
        var whole = newRows == entry.Rows && newFiles == entry.FileCount;
        var template = "Committed {Table} v{Version} ({Operation}): " + Counted.Hole("NewRows:N0", newRows, whole ? "row" : "new row") + " in "
            + Counted.Hole("NewFiles", newFiles, whole ? "file" : "new file") + ", written in {ElapsedMs} ms"
            + (whole ? "" : "; the version holds " + Counted.Hole("Rows:N0", entry.Rows, "row") + " in " + Counted.Hole("Files", entry.FileCount, "file"));
        object[] values = [entry.Table, entry.Version, entry.Operation, newRows, newFiles, elapsedMs];
        log.Information(template, whole ? values : [.. values, entry.Rows, entry.FileCount]);
    }

    /// <summary>
    /// Links a file of an earlier version into the pending one, after checking that it is still the size the log says:
    /// a commit never carries a missing or cut file forward (the full check, with hashes, is <c>nbalake verify</c>'s).
    /// </summary>
    private void LinkKept(TableId table, int from, CommittedFile file, string folder, bool isCurrent)
    {
        var source = Path.Combine(Layout.VersionFolder(table, from), file.Path);
        if (VersionCheck.SizeProblem(source, file) is { } problem)
        {
            throw new LakeDamagedException([new TableDamage(table, from, isCurrent, [problem])]);
        }
        FileOps.HardLink(source, Path.Combine(folder, file.Path));
    }

    /// <summary>
    /// After a rebuild: a kept version whose log lists one of the rebuilt files' bytes (same path, same SHA-256) and whose
    /// copy is damaged gets a link to the fresh file instead. Versions share files by hard link, so damage to one file is
    /// usually damage to every version holding it: this repairs them all, not just the current one.
    /// </summary>
    private void HealKeptVersions(TableId table, int version, IReadOnlyList<CommittedFile> fresh)
    {
        for (var v = version - 1; v > 0 && IsKept(table, v); v--)
        {
            var old = StateAt(table, v)!;
            foreach (var file in fresh.Where(f => old.Files.GetValueOrDefault(f.Path)?.Sha256 == f.Sha256))
            {
                var path = Path.Combine(Layout.VersionFolder(table, v), file.Path);
                if (!check.IsIntact(path, file))
                {
                    File.Delete(path);
                    FileOps.HardLink(Path.Combine(Layout.VersionFolder(table, version), file.Path), path);
                    log.Warning("Repaired {Table} v{Version}'s {File} with the rebuilt file (same SHA-256)", table.ToString(), v, file.Path);
                }
            }
        }
    }

    /// <summary>Switches the table folder (a symbolic link) to a version folder; the rename is atomic.</summary>
    private void PointTableAt(TableId table, int version)
    {
        var link = Layout.TableFolder(table);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        var target = Path.GetRelativePath(Path.GetDirectoryName(link)!, Layout.VersionFolder(table, version));
        FileOps.PointLink(link, target);
    }

    /// <summary>
    /// The versions whose files stay: the last <c>keepVersions</c> up to <paramref name="current"/> that still have their
    /// folder, oldest first. They are the snapshots of the table's Iceberg metadata.
    /// </summary>
    private List<int> KeptVersions(TableId table, int current) =>
        [.. Enumerable.Range(Math.Max(1, current - keepVersions + 1), Math.Min(current, keepVersions)).Where(v => v == current || IsKept(table, v))];

    /// <summary>
    /// Writes the table's Iceberg metadata for its kept versions, <paramref name="state"/> current (the version hint last);
    /// versions about to be dropped leave it first, so an Iceberg reader never finds a snapshot whose files are going.
    /// </summary>
    private void WriteIceberg(TableId table, TableState state)
    {
        var started = Stopwatch.GetTimestamp();
        iceberg.Write(table, KeptVersions(table, state.Version), v => v == state.Version ? state : StateAt(table, v)!);
        Interlocked.Add(ref icebergTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref icebergWrites);
    }

    private long icebergTicks, icebergWrites;

    /// <summary>What writing the Iceberg metadata cost this store so far: how many times it was written (commits and recoveries), in how long.</summary>
    public (long Writes, TimeSpan Elapsed) IcebergCost => (Interlocked.Read(ref icebergWrites), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref icebergTicks)));

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
            var last = TableLog.List(Layout, table).Entries.LastOrDefault();
            if (last > 0)
            {
                _ = TableLog.ReadEntry(Layout, table, last); // a log of an older format is refused before anything is touched
            }
            TableLog.RemoveLeftovers(Layout, table, last);
            foreach (var dir in Directory.EnumerateDirectories(Layout.TableMeta(table), "v*"))
            {
                if (int.TryParse(Path.GetFileName(dir)[1..], out var v) && v > last)
                {
                    log.Warning("Removed {Table} {Version}: a run died before committing it", table.ToString(), Path.GetFileName(dir));
                    Directory.Delete(dir, recursive: true);
                }
            }
            if (last > 0)
            {
                var link = Layout.TableFolder(table);
                var expected = Path.GetRelativePath(Path.GetDirectoryName(link)!, Layout.VersionFolder(table, last));
                var swapped = FileOps.TempLinkPath(link);
                if (Directory.Exists(swapped) && !FileOps.IsLink(swapped))
                {
                    Directory.Delete(swapped, recursive: true); // a copied table folder a repair swapped out and did not get to remove
                }
                if (Directory.Exists(link) && !FileOps.IsLink(link))
                {
                    RepairCopiedFolder(table, last, expected);
                }
                else if (new FileInfo(link).LinkTarget != expected)
                {
                    log.Warning("Pointed {Table} at its last committed version v{Version}: a run died between commit and switch", table.ToString(), last);
                    PointTableAt(table, last);
                }
                RecoverIceberg(table, last);
            }
        }
        foreach (var table in Tables())
        {
            // A lake from before manifests gets one; a commit whose manifest update a crash cut off is recorded.
            if (TableLog.List(Layout, table).Entries.LastOrDefault() is > 0 and var last)
            {
                manifest.Record(table, last);
            }
        }
        lock (gate)
        {
            states.Clear();
        }
    }

    /// <summary>
    /// Makes the table's Iceberg metadata current from its log when it is not: missing (a lake written before it, or
    /// deleted), stale (a run died between a commit and the version hint), or naming another root (the lake was moved or
    /// copied, or <c>Lake:MetadataRoot</c> changed). Each kept version folder links the metadata folder again where a
    /// copy made by following links (<c>cp -rL</c>) left a folder.
    /// </summary>
    private void RecoverIceberg(TableId table, int last)
    {
        var kept = KeptVersions(table, last);
        foreach (var version in kept)
        {
            if (FileOps.LinkIcebergFolder(Layout.VersionFolder(table, version)))
            {
                log.Warning("Linked {Table} {Version}'s metadata folder again: it was missing or a copy", table.ToString(), LakeLayout.VersionName(version));
            }
        }
        var started = Stopwatch.GetTimestamp();
        if (iceberg.Staleness(table, kept) is { } reason)
        {
            iceberg.Write(table, kept, v => StateAt(table, v)!);
            Interlocked.Increment(ref icebergWrites);
            log.Information("Wrote {Table}'s Iceberg metadata from its commit log (v{Version}, {Snapshots} snapshots): {Reason}",
                table.ToString(), last, kept.Count, reason);
        }
        // The staleness check is part of the cost too: every writing command makes it for every table.
        Interlocked.Add(ref icebergTicks, Stopwatch.GetTimestamp() - started);
    }

    /// <summary>
    /// A table folder that is a folder where the link should be: a copy of the lake made by following links
    /// (<c>cp -rL</c>, some backup tools). When it holds exactly the logged current version (every file hashed), the
    /// version folder is made intact from it if it is not, and the folder is swapped for the link in one step; readers see
    /// the same files before and after. Otherwise nothing is touched and the run stops with the fix.
    /// </summary>
    private void RepairCopiedFolder(TableId table, int version, string target)
    {
        var link = Layout.TableFolder(table);
        var state = TableLog.ReadState(Layout, table, version)!;
        var problems = check.Problems(link, state, hash: true);
        if (problems.Count > 0)
        {
            throw new LakeFormatException(
                $"{link} is a folder where the link to {table}'s version v{version} should be (a copy made with cp -rL, which follows links?), and it does not hold v{version}: {string.Join("; ", problems.Take(3))}",
                $"move {link} out of the lake (keep it if its files matter to you) and run again: the run links {table} to v{version} again");
        }
        var folder = Layout.VersionFolder(table, version);
        if (check.Problems(folder, state, hash: true).Count > 0)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            foreach (var file in state.Files.Values)
            {
                FileOps.HardLink(Path.Combine(link, file.Path), Path.Combine(folder, file.Path));
            }
        }
        if (!FileOps.SwapFolderForLink(link, target))
        {
            throw new LakeFormatException(
                $"{link} is a folder where the link to {table}'s version v{version} should be (a copy made with cp -rL, which follows links?); it holds v{version}, but this system cannot swap a folder for a link in one step",
                $"replace the folder by the link, with no run in progress: rm -r '{link}' && ln -s '{target}' '{link}'");
        }
        Directory.Delete(FileOps.TempLinkPath(link), recursive: true);
        log.Warning("{Table} was a folder, not the link to its version (a copy made with cp -rL?); it held exactly v{Version}, and is the link again", table.ToString(), version);
    }

    private static bool SameMeta(JsonNode? a, JsonNode? b) => a is null ? b is null : b is not null && JsonNode.DeepEquals(a, b);

    private static bool SameInputs(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
