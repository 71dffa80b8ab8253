using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NbaLake.Storage;

/// <summary>One file of a committed table version.</summary>
/// <param name="Path">Path below the table folder.</param>
/// <param name="AddedIn">The version that wrote these bytes; later versions that keep the file keep this number.</param>
/// <param name="Partition">
/// The partition the file belongs to (for example <c>g1900</c>, the game bucket of bronze and silver), or null. A commit
/// that rebuilds partitions replaces exactly the files of those partitions: this is the lake's index of what is where.
/// </param>
public sealed record CommittedFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("added_in")] int AddedIn,
    [property: JsonPropertyName("partition"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Partition = null);

/// <summary>
/// One entry of a table's commit log (<c>_meta/tables/&lt;layer&gt;/&lt;table&gt;/log/&lt;version&gt;.json</c>): a version exists
/// exactly when its entry does. An entry records what the commit changed (files added and removed, metadata keys set
/// or removed), so log bytes grow with what was written, not with the size of the table; checkpoints
/// (<see cref="TableCheckpoint"/>) hold the whole state now and then, so reading a table never replays many entries.
/// </summary>
/// <param name="Rows">Rows of the whole version after this commit.</param>
/// <param name="FileCount">Files of the whole version after this commit.</param>
/// <param name="Inputs">What this version was built from: upstream table versions and settings, or, for bronze, the landed files it read.</param>
/// <param name="Meta">Metadata keys this commit sets (a value) or removes (null); the table's code gives them meaning.</param>
public sealed record CommitEntry(
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("committed_at")] DateTimeOffset CommittedAt,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("file_count")] int FileCount,
    [property: JsonPropertyName("added")] IReadOnlyList<CommittedFile> Added,
    [property: JsonPropertyName("removed")] IReadOnlyList<string> Removed,
    [property: JsonPropertyName("schema")] IReadOnlyList<string> Schema,
    [property: JsonPropertyName("inputs")] IReadOnlyDictionary<string, string> Inputs,
    [property: JsonPropertyName("meta")] IReadOnlyDictionary<string, JsonNode?> Meta);

/// <summary>The whole state of a table at one version, written every few versions beside the log entries.</summary>
public sealed record TableCheckpoint(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("files")] IReadOnlyList<CommittedFile> Files,
    [property: JsonPropertyName("schema")] IReadOnlyList<string> Schema,
    [property: JsonPropertyName("inputs")] IReadOnlyDictionary<string, string> Inputs,
    [property: JsonPropertyName("meta")] IReadOnlyDictionary<string, JsonNode?> Meta);
