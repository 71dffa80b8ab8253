using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Ingest;

/// <summary>One version of a landed file as bronze took it in: its content, the run, and where its rows went.</summary>
/// <param name="Buckets">Rows per game bucket: the bronze partitions the file's rows are in.</param>
/// <param name="StoredAs">
/// For a copy of another current file of a snapshot source (skipped, not read again): the landed name its rows carry in
/// bronze (<c>_source_file</c>), with <paramref name="Batch"/> theirs. Null when the rows carry this name.
/// </param>
public sealed record LandedVersion(
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("batch")] string Batch,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("buckets")] IReadOnlyDictionary<string, long> Buckets,
    [property: JsonPropertyName("stored_as"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StoredAs = null)
{
    /// <summary>The (batch, file) lineage of the bronze rows of this version.</summary>
    public (string Batch, string File) Lineage(string name) => (Batch, StoredAs ?? name);
}

/// <summary>
/// The landed files a bronze table holds, kept in its metadata (key <c>landed/&lt;file name&gt;</c>, every version
/// of that name in ingest order): what a run compares new landings with, and the index from a landed file to the
/// partitions its rows are in.
/// </summary>
public static class LandedFiles
{
    public const string Prefix = "landed/";

    /// <summary>Every landed file name of a bronze table with its versions, oldest first.</summary>
    public static Dictionary<string, List<LandedVersion>> Of(TableState? state) =>
        state?.Meta.Where(m => m.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(m => m.Key[Prefix.Length..], m => m.Value.Deserialize(IngestJson.Default.ListLandedVersion)!, StringComparer.Ordinal)
        ?? new Dictionary<string, List<LandedVersion>>(StringComparer.Ordinal);

    /// <summary>
    /// The (batch, file) lineage of every file name's latest version: in a snapshot source, the only bronze rows that
    /// count; the rows of earlier versions are retracted.
    /// </summary>
    public static HashSet<(string Batch, string File)> Current(TableState? state) =>
        [.. Of(state).Select(n => n.Value[^1].Lineage(n.Key))];

    /// <summary>The metadata entry of a landed file name.</summary>
    public static KeyValuePair<string, JsonNode?> Entry(string name, IReadOnlyList<LandedVersion> versions) =>
        new(Prefix + name, JsonSerializer.SerializeToNode(versions, IngestJson.Default.IReadOnlyListLandedVersion));
}
