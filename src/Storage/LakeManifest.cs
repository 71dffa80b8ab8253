using System.Text.Json;
using System.Text.Json.Serialization;

namespace NbaLake.Storage;

/// <summary>
/// What a lake holds, at its root (<c>lake.json</c>): every table it has committed and the last version of each. The
/// commit logs are the history; this small file is how every command tells a lost history (a log folder deleted, a
/// log cut short) from a new lake, instead of starting again at v1 from whatever landing holds. Written after each
/// commit's log entry (a crash in between leaves it one version behind, which is no loss), never trusted over the logs
/// for what a table is, only for what must be there.
/// </summary>
public sealed class LakeManifest
{
    /// <summary>The manifest's file name, in the lake root.</summary>
    public const string FileName = "lake.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, TypeInfoResolver = StorageJson.Default };
    private readonly string path;
    private readonly Lock gate = new();
    private Content? content;

    public LakeManifest(LakeLayout layout) => path = Path.Combine(layout.Root, FileName);

    /// <summary>Builds the manifest's JSON contract ahead of its first use (see <see cref="TableStore.Warm"/>).</summary>
    internal static void Warm() => JsonContracts.Warm(Json, typeof(Content));

    /// <summary>The manifest file's path.</summary>
    public string FilePath => path;

    /// <summary>The tables the manifest names with their last recorded version; null when the lake has no manifest (new, or older than manifests).</summary>
    public IReadOnlyDictionary<string, int>? Tables
    {
        get
        {
            lock (gate)
            {
                return (content ??= Read())?.Tables;
            }
        }
    }

    /// <summary>Records a committed version of a table (a later one only: the manifest never goes back).</summary>
    public void Record(TableId table, int version)
    {
        lock (gate)
        {
            content ??= Read() ?? new Content();
            var key = table.ToString();
            if (content.Tables.TryGetValue(key, out var known) && known >= version)
            {
                return;
            }
            content.Tables[key] = version;
            Write(content);
        }
    }

    /// <summary>Forgets a table whose history was lost, before it is built again from the layer below (<c>nbalake rebuild</c>).</summary>
    public void Forget(TableId table)
    {
        lock (gate)
        {
            if ((content ??= Read()) is { } known && known.Tables.Remove(table.ToString()))
            {
                Write(known);
            }
        }
    }

    private Content? Read()
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), Json.Info<Content>()) is { Tables: not null } read
                ? read
                : throw new LakeFormatException($"{path} is not a lake manifest NbaLake wrote (it names no tables)", Restore);
        }
        catch (JsonException e)
        {
            throw new LakeFormatException($"{path} is not a lake manifest NbaLake wrote ({e.Message})", Restore);
        }
    }

    private const string Restore = "restore lake.json from a copy of the lake, or delete it: the next run writes it again from the commit logs";

    private void Write(Content manifest)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, manifest, Json.Info<Content>());
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// The file's content. Settable properties and a populated dictionary, so a field the file lacks keeps its default
    /// (the generated contract would otherwise set every property, a missing one to null or 0).
    /// </summary>
    internal sealed class Content
    {
        [JsonPropertyName("about")]
        public string About { get; set; } =
            "The tables of this NbaLake lake and the last version of each: how nbalake tells a lost history from a new lake. Written by nbalake after every commit; do not edit.";

        [JsonPropertyName("format")]
        public int Format { get; set; } = 1;

        [JsonPropertyName("tables"), JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public SortedDictionary<string, int> Tables { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>
/// Tables the lake has committed whose commit log is gone or cut short: their history is lost, and no command goes on
/// as if the lake were new (a run would start those tables again at v1 from whatever landing holds).
/// </summary>
public sealed class LakeHistoryLostException(IReadOnlyList<TableDamage> lost, string fix) : LakeDamagedException(lost)
{
    /// <summary>What a person can do, in a few sentences.</summary>
    public string Fix { get; } = fix;

    public override string Message =>
        "The history of " + string.Join(", ", Damage.Select(d => d.Table)) + " is lost: " + string.Join(". ", Damage.Take(2).Select(d => $"{d.Table}: {string.Join("; ", d.Problems)}"))
        + (Damage.Count > 2 ? $"; and so for the {Damage.Count - 2} other table(s)." : ".");
}
