using System.Globalization;
using System.Text.Json;

namespace NbaLake.Storage;

/// <summary>Reads and writes a table's commit log. Writing an entry is the commit point of a version.</summary>
internal static class TableLog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static IReadOnlyList<CommitEntry> Read(LakeLayout layout, TableId table)
    {
        var folder = layout.LogFolder(table);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return [.. Directory.EnumerateFiles(folder, "*.json")
            .Select(path => JsonSerializer.Deserialize<CommitEntry>(File.ReadAllText(path), Json)!)
            .OrderBy(e => e.Version)];
    }

    /// <summary>The newest entry only (one file read, however long the history).</summary>
    public static CommitEntry? ReadLast(LakeLayout layout, TableId table)
    {
        var folder = layout.LogFolder(table);
        var last = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Max(StringComparer.Ordinal) : null;
        return last is null ? null : JsonSerializer.Deserialize<CommitEntry>(File.ReadAllText(last), Json);
    }

    /// <summary>Writes the entry to a temporary file, flushes it, and renames it into the log in one step.</summary>
    public static void Write(LakeLayout layout, TableId table, CommitEntry entry)
    {
        var folder = layout.LogFolder(table);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, entry.Version.ToString("D6", CultureInfo.InvariantCulture) + ".json");
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, entry, Json);
            stream.Flush(flushToDisk: true);
        }
        FileOps.ReplaceFile(temp, path);
    }
}
