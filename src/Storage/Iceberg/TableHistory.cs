using System.Globalization;

namespace NbaLake.Storage.Iceberg;

/// <summary>
/// What a table's Iceberg metadata needs from its whole commit log, walked from v1 (entries are never deleted, so this
/// can always be derived again): field ids, assigned to each column name on its first appearance and kept for as long as
/// its type stays the same or widens; the distinct schemas; each version's snapshot facts; and the partition column, a
/// column whose Hive-style folder (<c>season=2019/</c>) every file the table ever had sits in. The walk is kept and
/// extended by later entries, so a commit reads only its own entry.
/// </summary>
public sealed class TableHistory
{
    private readonly Dictionary<string, (int Id, string Type)> current = new(StringComparer.Ordinal);
    private readonly HashSet<int> optional = [];
    private readonly Dictionary<string, (long Rows, long Size)> live = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<IcebergField>> schemas = [];
    private readonly List<SnapshotFacts> snapshots = [];
    private string? folderKey; // null: no file yet; "": files disagree (or sit in no such folder)
    private int lastColumnId;

    /// <summary>The versions walked so far: 1 to this.</summary>
    public int Version => snapshots.Count;

    /// <summary>Every distinct schema met, by schema id.</summary>
    public IReadOnlyList<IReadOnlyList<IcebergField>> Schemas => schemas;

    /// <summary>The facts of version <paramref name="version"/> (walked already).</summary>
    public SnapshotFacts Snapshot(int version) => snapshots[version - 1];

    /// <summary>
    /// The column every file of the table is split by in a Hive-style folder, when there is one and it is a column of the
    /// latest schema with a type an identity partition takes; else null (the table is unpartitioned).
    /// </summary>
    public IcebergField? PartitionColumn =>
        string.IsNullOrEmpty(folderKey) || schemas.Count == 0 ? null
            : schemas[Snapshot(Version).SchemaId].FirstOrDefault(f => f.Name == folderKey && f.Type is "int" or "long" or "string" or "date" or "boolean");

    /// <summary>Walks the next entry (its version must be <see cref="Version"/> + 1).</summary>
    public void Add(CommitEntry entry)
    {
        if (entry.Version != Version + 1)
        {
            throw new InvalidOperationException($"{entry.Table}: the Iceberg history is at v{Version}, so v{entry.Version} cannot follow.");
        }
        var schemaId = entry.Schema.Count == 0 && schemas.Count > 0 ? Snapshot(Version).SchemaId : SchemaIdOf(entry.Schema);
        var (deletedFiles, deletedRows) = (0, 0L);
        foreach (var path in entry.Removed)
        {
            if (live.Remove(path, out var gone))
            {
                (deletedFiles, deletedRows) = (deletedFiles + 1, deletedRows + gone.Rows);
            }
        }
        foreach (var file in entry.Added)
        {
            if (live.Remove(file.Path, out var replaced))
            {
                (deletedFiles, deletedRows) = (deletedFiles + 1, deletedRows + replaced.Rows); // a new copy at the same path (a rebuild)
            }
            live[file.Path] = (file.Rows, file.Size);
            var key = FolderKey(file.Path) ?? "";
            folderKey = folderKey is null || folderKey == key ? key : "";
        }
        snapshots.Add(new SnapshotFacts(entry.Version, entry.CommittedAt.ToUnixTimeMilliseconds(), entry.RunId, entry.Operation, schemaId, lastColumnId,
            entry.Added.Count, entry.Added.Sum(f => f.Rows), deletedFiles, deletedRows, live.Count, live.Values.Sum(f => f.Rows), live.Values.Sum(f => f.Size)));
    }

    /// <summary>The history of a table's versions 1 to <paramref name="version"/>, read from its log.</summary>
    internal static TableHistory Read(LakeLayout layout, TableId table, int version)
    {
        var history = new TableHistory();
        history.ReadUpTo(layout, table, version);
        return history;
    }

    /// <summary>Walks the log's entries after <see cref="Version"/> up to <paramref name="version"/>.</summary>
    internal void ReadUpTo(LakeLayout layout, TableId table, int version)
    {
        for (var v = Version + 1; v <= version; v++)
        {
            Add(TableLog.ReadEntry(layout, table, v));
        }
    }

    /// <summary>
    /// The schema id of a logged schema, adding it when it is new. A column keeps its field id while its name and type
    /// stay (or its type widens, int to long); it is required only while every version so far had it, never null.
    /// </summary>
    private int SchemaIdOf(IReadOnlyList<string> logged)
    {
        var first = schemas.Count == 0;
        var fields = new List<IcebergField>();
        var present = new HashSet<int>();
        foreach (var column in logged)
        {
            var (name, clr, nullable) = Parse(column);
            var type = IcebergField.TypeOf(clr);
            if (!current.TryGetValue(name, out var known) || !IcebergField.Promotes(known.Type, type))
            {
                known = (++lastColumnId, type);
                if (!first)
                {
                    optional.Add(known.Id); // files of earlier versions lack it
                }
            }
            current[name] = (known.Id, type);
            if (nullable)
            {
                optional.Add(known.Id);
            }
            present.Add(known.Id);
            fields.Add(new IcebergField(known.Id, name, type, !optional.Contains(known.Id)));
        }
        foreach (var (name, (id, _)) in current.Where(c => !present.Contains(c.Value.Id)).ToList())
        {
            optional.Add(id); // dropped here: if it comes back, this version's files lack it
            current.Remove(name);
        }
        var index = schemas.FindIndex(s => s.SequenceEqual(fields));
        if (index < 0)
        {
            schemas.Add(fields);
            index = schemas.Count - 1;
        }
        return index;
    }

    /// <summary>"name: Type" or "name: Type?" (<see cref="Columnar.SchemaText"/>).</summary>
    private static (string Name, string Type, bool Nullable) Parse(string column)
    {
        var colon = column.LastIndexOf(": ", StringComparison.Ordinal);
        var type = column[(colon + 2)..];
        return (column[..colon], type.TrimEnd('?'), type.EndsWith('?'));
    }

    /// <summary>The key of the one Hive-style folder a file path sits in (<c>data/season=2019/part.parquet</c>: season), or null.</summary>
    internal static string? FolderKey(string path) => FolderValue(path)?.Key;

    /// <summary>The key and value of the one Hive-style folder of a file path, or null when it has none or several.</summary>
    internal static (string Key, string Value)? FolderValue(string path)
    {
        var dataPrefix = PendingVersion.DataFolder + "/";
        var folders = (path.StartsWith(dataPrefix, StringComparison.Ordinal) ? path[dataPrefix.Length..] : path).Split('/')[..^1];
        return folders is [var only] && only.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq
            ? (only[..eq], Uri.UnescapeDataString(only[(eq + 1)..]))
            : null;
    }

    /// <summary>A partition value as Iceberg's identity transform stores it: the folder's text in the column's type.</summary>
    internal static object PartitionValue(IcebergField column, string text) => column.Type switch
    {
        "int" => int.Parse(text, CultureInfo.InvariantCulture),
        "long" => long.Parse(text, CultureInfo.InvariantCulture),
        "boolean" => bool.Parse(text),
        "date" => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
        _ => text,
    };
}
