using System.Globalization;
using System.Text.Json;

namespace NbaLake.Storage;

/// <summary>A lake or table in a layout this version cannot read or use, with what to do about it.</summary>
public sealed class LakeFormatException(string message, string fix) : Exception(message)
{
    /// <summary>What a person can do about it, in one sentence.</summary>
    public string Fix { get; } = fix;
}

/// <summary>
/// Reads and writes a table's commit log: entries <c>log/000123.json</c> (writing one is the commit point of a
/// version) and checkpoints <c>log/000120.checkpoint.json</c>, the whole state every <see cref="CheckpointEvery"/> versions.
/// </summary>
internal static class TableLog
{
    /// <summary>A checkpoint every this many versions: reading a table replays at most this many entries.</summary>
    public const int CheckpointEvery = 10;

    private const string CheckpointSuffix = ".checkpoint.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, TypeInfoResolver = StorageJson.Default };

    /// <summary>Builds the JSON contracts of entries and checkpoints ahead of their first use (see <see cref="TableStore.Warm"/>).</summary>
    public static void Warm() => JsonContracts.Warm(Json, typeof(CommitEntry), typeof(TableCheckpoint));

    /// <summary>The version numbers of the entries and of the checkpoints in a table's log.</summary>
    public static (List<int> Entries, List<int> Checkpoints) List(LakeLayout layout, TableId table)
    {
        var folder = layout.LogFolder(table);
        var (entries, checkpoints) = (new List<int>(), new List<int>());
        if (!Directory.Exists(folder))
        {
            return (entries, checkpoints);
        }
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(CheckpointSuffix, StringComparison.Ordinal) && Number(name[..^CheckpointSuffix.Length]) is { } c)
            {
                checkpoints.Add(c);
            }
            else if (name.EndsWith(".json", StringComparison.Ordinal) && Number(name[..^5]) is { } v)
            {
                entries.Add(v);
            }
        }
        entries.Sort();
        checkpoints.Sort();
        return (entries, checkpoints);
    }

    /// <summary>Whether the log has an entry for <paramref name="version"/> (one file check).</summary>
    public static bool HasEntry(LakeLayout layout, TableId table, int version) => File.Exists(EntryPath(layout, table, version));

    public static CommitEntry ReadEntry(LakeLayout layout, TableId table, int version)
    {
        var path = EntryPath(layout, table, version);
        CommitEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(File.ReadAllText(path), Json.Info<CommitEntry>());
        }
        catch (JsonException e)
        {
            throw Unreadable(path, e.Message);
        }
        if (entry is not null && entry.Added is null && entry.Removed is null && entry.Meta is null && !File.ReadAllText(path).Contains("\"files\"", StringComparison.Ordinal))
        {
            throw Unreadable(path, "it names no files added or removed");
        }
        if (entry?.Added is null || entry.Removed is null || entry.Meta is null)
        {
            throw new LakeFormatException(
                $"{path} was written by an older NbaLake (its log entries list whole versions)",
                "rebuild the lake: move the lake folder aside and run again with the same landing files (or set Lake:Root to a new folder)");
        }
        return entry;
    }

    /// <summary>A log entry that is not what any NbaLake wrote: the table's history is damaged.</summary>
    private static LakeFormatException Unreadable(string path, string why) => new(
        $"{path} is not a readable commit-log entry ({why}): the table's history is damaged",
        "restore the lake folder from a backup; or move it aside and run again with every file ever landed (the whole lake is built again)");

    /// <summary>The state at <paramref name="version"/> (null: the newest), or null when the table has no version.</summary>
    public static TableState? ReadState(LakeLayout layout, TableId table, int? version = null)
    {
        var (entries, checkpoints) = List(layout, table);
        if (entries.Count == 0)
        {
            return null;
        }
        var target = version ?? entries[^1];
        if (!entries.Contains(target))
        {
            return null;
        }
        TableState? state = null;
        var from = 1;
        var checkpoint = checkpoints.LastOrDefault(c => c <= target && entries.Contains(c));
        if (checkpoint > 0)
        {
            var cp = JsonSerializer.Deserialize(File.ReadAllText(CheckpointPath(layout, table, checkpoint)), Json.Info<TableCheckpoint>())!;
            state = TableState.FromCheckpoint(cp, ReadEntry(layout, table, checkpoint));
            from = checkpoint + 1;
        }
        foreach (var v in entries.Where(v => v >= from && v <= target))
        {
            state = TableState.Apply(state, ReadEntry(layout, table, v));
        }
        return state;
    }

    /// <summary>Writes the entry to a temporary file, flushes it, and renames it into the log in one step: the commit point.</summary>
    public static void WriteEntry(LakeLayout layout, TableId table, CommitEntry entry) =>
        WriteAtomically(EntryPath(layout, table, entry.Version), stream => JsonSerializer.Serialize(stream, entry, Json.Info<CommitEntry>()));

    /// <summary>Writes a checkpoint when the version is due one. A checkpoint repeats what the entries say: losing one costs only replay time.</summary>
    public static void WriteCheckpointIfDue(LakeLayout layout, TableId table, TableState state)
    {
        if (state.Version % CheckpointEvery == 0)
        {
            WriteAtomically(CheckpointPath(layout, table, state.Version), stream => JsonSerializer.Serialize(stream, state.ToCheckpoint(), Json.Info<TableCheckpoint>()));
        }
    }

    /// <summary>Removes half-written entries and checkpoints, and checkpoints of versions that were never committed.</summary>
    public static void RemoveLeftovers(LakeLayout layout, TableId table, int lastVersion)
    {
        var folder = layout.LogFolder(table);
        foreach (var temp in Directory.EnumerateFiles(folder, "*.tmp"))
        {
            File.Delete(temp);
        }
        foreach (var c in List(layout, table).Checkpoints.Where(c => c > lastVersion))
        {
            File.Delete(CheckpointPath(layout, table, c));
        }
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        FileOps.ReplaceFile(temp, path);
    }

    private static string EntryPath(LakeLayout layout, TableId table, int version) =>
        Path.Combine(layout.LogFolder(table), version.ToString("D6", CultureInfo.InvariantCulture) + ".json");

    private static string CheckpointPath(LakeLayout layout, TableId table, int version) =>
        Path.Combine(layout.LogFolder(table), version.ToString("D6", CultureInfo.InvariantCulture) + CheckpointSuffix);

    private static int? Number(string text) => text.Length == 6 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
