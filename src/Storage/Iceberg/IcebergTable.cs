using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Serilog;

namespace NbaLake.Storage.Iceberg;

/// <summary>
/// Writes a table's Apache Iceberg v2 metadata (docs/commit-protocol.md, "The Iceberg view"), derived from its commit log
/// alone, so it can always be written again: in <c>_meta/tables/&lt;layer&gt;/&lt;name&gt;/metadata/</c>, which each version
/// folder links as <c>metadata</c>, so readers find it at <c>lake/&lt;layer&gt;/&lt;name&gt;/metadata/</c>. For each kept
/// version N: its manifest, its manifest list <c>snap-N-….avro</c> and <c>vN.metadata.json</c>; then
/// <c>version-hint.text</c>, written last and renamed into place, so an Iceberg reader finds the old snapshot or the new,
/// never a mix. Locations start with <see cref="LakeLayout.LocationRoot"/>; the Avro files' names carry a hash of it (and
/// of what else shapes their bytes), so metadata for a moved lake is written beside the old, switched to, and the old
/// removed.
/// </summary>
public sealed class IcebergTable(LakeLayout layout, ILogger log)
{
    /// <summary>The file-system tables' pointer to the current metadata file: the current version's number.</summary>
    public const string HintFile = "version-hint.text";

    /// <summary>Changes whenever this writer's output for the same log changes, so files of an older writer are replaced.</summary>
    private const string WriterTag = "nbalake-iceberg-1";

    private readonly Dictionary<TableId, TableHistory> histories = [];
    private readonly Lock gate = new();

    /// <summary>The name of version <paramref name="version"/>'s metadata file.</summary>
    public static string MetadataFileName(int version) => $"v{version.ToString(CultureInfo.InvariantCulture)}.metadata.json";

    /// <summary>
    /// Makes the table's metadata describe exactly the versions in <paramref name="kept"/> (oldest first, the last one
    /// current): writes what is missing or different, the version hint last, then removes every other file of the folder.
    /// </summary>
    /// <param name="stateAt">A kept version's state, read only where a version's manifest has to be written.</param>
    public void Write(TableId table, IReadOnlyList<int> kept, Func<int, TableState> stateAt)
    {
        lock (gate)
        {
            var current = kept[^1];
            var history = History(table, current);
            var folder = layout.IcebergFolder(table);
            Directory.CreateDirectory(folder);
            var expected = new HashSet<string>(StringComparer.Ordinal) { HintFile };
            var snapshots = new List<TableMetadata.Snapshot>();
            var specFields = IcebergSchemaJson.Text(json => IcebergSchemaJson.WriteSpecFields(json, history.PartitionColumn));
            foreach (var version in kept)
            {
                var facts = history.Snapshot(version);
                var schemaJson = IcebergSchemaJson.Text(json => IcebergSchemaJson.WriteSchema(json, facts.SchemaId, history.Schemas[facts.SchemaId]));
                var tag = Tag(schemaJson, specFields);
                var (manifest, list) = ($"manifest-{version}-{tag}.avro", $"snap-{version}-{tag}.avro");
                expected.UnionWith([manifest, list]);
                if (!File.Exists(Path.Combine(folder, list)))
                {
                    WriteManifests(table, version, stateAt(version), history, folder, manifest, list, facts.SchemaId, schemaJson, specFields);
                }
                snapshots.Add(new TableMetadata.Snapshot(facts, MetadataLocation(table, list)));
            }
            var uuid = TableMetadata.TableUuid(table, history.Snapshot(1));
            for (var i = 0; i < snapshots.Count; i++)
            {
                var name = MetadataFileName(kept[i]);
                expected.Add(name);
                var bytes = TableMetadata.Bytes(table, history, snapshots[..(i + 1)], Location(layout.TableFolder(table)),
                    v => MetadataLocation(table, MetadataFileName(v)), uuid);
                WriteIfChanged(Path.Combine(folder, name), bytes);
            }
            WriteIfChanged(Path.Combine(folder, HintFile), Encoding.ASCII.GetBytes(current.ToString(CultureInfo.InvariantCulture)));
            foreach (var stale in Directory.EnumerateFiles(folder).Where(f => !expected.Contains(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }
            log.Debug("Wrote the Iceberg metadata of {Table} v{Version} ({Snapshots} snapshots)", table.ToString(), current, kept.Count);
        }
    }

    /// <summary>
    /// Why the table's metadata is not current for these kept versions (null when it is): no version hint, a hint at
    /// another version (a run died between the commit and the hint), or a metadata file that names other snapshots or
    /// another root (a moved lake, another <c>Lake:MetadataRoot</c>). A few small reads, no walk of the log.
    /// </summary>
    public string? Staleness(TableId table, IReadOnlyList<int> kept)
    {
        var folder = layout.IcebergFolder(table);
        var hint = Path.Combine(folder, HintFile);
        if (!File.Exists(hint))
        {
            return "it has no Iceberg metadata yet";
        }
        var current = kept[^1];
        if (File.ReadAllText(hint).Trim() != current.ToString(CultureInfo.InvariantCulture))
        {
            return $"its Iceberg version hint is not v{current} (a run died between its commit and the hint)";
        }
        if (kept.Any(v => !File.Exists(Path.Combine(folder, MetadataFileName(v)))))
        {
            return "a kept version's Iceberg metadata file is missing";
        }
        using var metadata = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, MetadataFileName(current))));
        var root = metadata.RootElement;
        if (root.GetProperty("location").GetString() != Location(layout.TableFolder(table)))
        {
            return $"its Iceberg metadata names {root.GetProperty("location").GetString()}, not where the table is (a moved lake, or another Lake:MetadataRoot)";
        }
        var lists = root.GetProperty("snapshots").EnumerateArray()
            .Select(s => (Id: s.GetProperty("snapshot-id").GetInt64(), List: s.GetProperty("manifest-list").GetString()!)).ToList();
        if (!lists.Select(s => s.Id).SequenceEqual(kept.Select(v => (long)v)))
        {
            return "its Iceberg snapshots are not its kept versions";
        }
        return lists.Any(s => !File.Exists(Path.Combine(folder, s.List[(s.List.LastIndexOf('/') + 1)..]))) ? "a manifest list is missing" : null;
    }

    /// <summary>The table's history up to <paramref name="version"/>: kept from the last call and extended, or walked anew.</summary>
    private TableHistory History(TableId table, int version)
    {
        if (!histories.TryGetValue(table, out var history) || history.Version > version)
        {
            history = histories[table] = new TableHistory();
        }
        history.ReadUpTo(layout, table, version);
        return history;
    }

    private void WriteManifests(TableId table, int version, TableState state, TableHistory history, string folder, string manifest, string list,
        int schemaId, string schemaJson, string specFields)
    {
        var partition = history.PartitionColumn;
        var versionFolder = layout.VersionFolder(table, version);
        var entries = state.Files.Values.Select(f => new ManifestFile.Entry(Location(Path.Combine(versionFolder, f.Path)), f.Rows, f.Size, f.AddedIn,
            partition is null ? null : TableHistory.PartitionValue(partition, TableHistory.FolderValue(f.Path)!.Value.Value))).ToList();
        var items = new List<ManifestList.Item>();
        if (entries.Count > 0)
        {
            var bytes = ManifestFile.Bytes(version, entries, partition, schemaId, schemaJson, specFields);
            WriteAtomically(Path.Combine(folder, manifest), bytes);
            var (added, existing) = (entries.Where(e => e.AddedIn == version).ToList(), entries.Where(e => e.AddedIn != version).ToList());
            var values = entries.Select(e => e.Partition).OfType<IComparable>().Order().ToList();
            items.Add(new ManifestList.Item(MetadataLocation(table, manifest), bytes.Length, version, added.Count, existing.Count, added.Sum(e => e.Rows),
                existing.Sum(e => e.Rows), entries.Min(e => e.AddedIn), values.FirstOrDefault(), values.LastOrDefault()));
        }
        WriteAtomically(Path.Combine(folder, list), ManifestList.Bytes(version, version > 1 ? version - 1 : null, items));
    }

    /// <summary>The location of a file of the table's metadata folder.</summary>
    private string MetadataLocation(TableId table, string name) => Location(Path.Combine(layout.IcebergFolder(table), name));

    /// <summary>The location of a path below the lake root: <see cref="LakeLayout.LocationRoot"/> and the path's relative part.</summary>
    private string Location(string path) =>
        layout.LocationRoot + "/" + Path.GetRelativePath(layout.Root, path).Replace('\\', '/');

    /// <summary>A short hash of what shapes a version's Avro files besides its files: the root, the schema, the partition spec.</summary>
    private string Tag(string schemaJson, string specFields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{WriterTag}\n{layout.LocationRoot}\n{schemaJson}\n{specFields}")))[..10];

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            WriteAtomically(path, bytes);
        }
    }

    /// <summary>Writes to a temporary file, flushes it and renames it into place: a reader finds the whole file or the old one.</summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        FileOps.ReplaceFile(temp, path);
    }
}
