using System.Text.Json.Nodes;

namespace NbaLake.Storage;

/// <summary>
/// A table at one version: its files, schema, inputs and metadata, as the commit log gives them (the last checkpoint
/// at or before the version, then the entries after it). Immutable once built.
/// </summary>
public sealed class TableState
{
    private TableState(CommitEntry last, SortedDictionary<string, CommittedFile> files, IReadOnlyList<string> schema,
        IReadOnlyDictionary<string, string> inputs, Dictionary<string, JsonNode> meta)
    {
        Last = last;
        Files = files;
        Schema = schema;
        Inputs = inputs;
        Meta = meta;
        Rows = files.Values.Sum(f => f.Rows);
    }

    /// <summary>The entry that made this version.</summary>
    public CommitEntry Last { get; }

    public int Version => Last.Version;

    /// <summary>Every file of the version, by path (ordinal order).</summary>
    public IReadOnlyDictionary<string, CommittedFile> Files { get; }

    public IReadOnlyList<string> Schema { get; }

    /// <summary>What the version was built from (the last entry's inputs).</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; }

    /// <summary>The table's metadata: every key set by some commit and not removed since.</summary>
    public IReadOnlyDictionary<string, JsonNode> Meta { get; }

    public long Rows { get; }

    /// <summary>The files of one partition, in path order.</summary>
    public IEnumerable<CommittedFile> FilesOf(string partition) => Files.Values.Where(f => f.Partition == partition);

    /// <summary>The state after <paramref name="entry"/>, applied to <paramref name="before"/> (null: the table's first version, or a checkpoint).</summary>
    internal static TableState Apply(TableState? before, CommitEntry entry)
    {
        var files = before is null ? new SortedDictionary<string, CommittedFile>(StringComparer.Ordinal)
            : new SortedDictionary<string, CommittedFile>((IDictionary<string, CommittedFile>)before.Files, StringComparer.Ordinal);
        foreach (var path in entry.Removed)
        {
            files.Remove(path);
        }
        foreach (var file in entry.Added)
        {
            files[file.Path] = file;
        }
        var meta = before is null ? new Dictionary<string, JsonNode>(StringComparer.Ordinal) : new Dictionary<string, JsonNode>(before.Meta, StringComparer.Ordinal);
        foreach (var (key, value) in entry.Meta)
        {
            if (value is null)
            {
                meta.Remove(key);
            }
            else
            {
                meta[key] = value;
            }
        }
        return new TableState(entry, files, entry.Schema, entry.Inputs, meta);
    }

    /// <summary>The state a checkpoint holds, with the entry of its version.</summary>
    internal static TableState FromCheckpoint(TableCheckpoint checkpoint, CommitEntry entry) =>
        new(entry, new SortedDictionary<string, CommittedFile>(checkpoint.Files.ToDictionary(f => f.Path, StringComparer.Ordinal), StringComparer.Ordinal),
            checkpoint.Schema, checkpoint.Inputs,
            checkpoint.Meta.Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!, StringComparer.Ordinal));

    internal TableCheckpoint ToCheckpoint() =>
        new(Version, [.. Files.Values], Schema, Inputs, Meta.ToDictionary(m => m.Key, m => (JsonNode?)m.Value, StringComparer.Ordinal));
}
