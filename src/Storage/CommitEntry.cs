using System.Text.Json.Serialization;

namespace NbaLake.Storage;

/// <summary>One file of a committed table version.</summary>
/// <param name="Path">Path below the table folder.</param>
/// <param name="AddedIn">The version that wrote these bytes; later versions that keep the file keep this number.</param>
public sealed record CommittedFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("added_in")] int AddedIn);

/// <summary>
/// One entry of a table's commit log (<c>_meta/tables/&lt;layer&gt;/&lt;table&gt;/log/&lt;version&gt;.json</c>):
/// a version exists exactly when its entry does.
/// </summary>
public sealed record CommitEntry(
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("committed_at")] DateTimeOffset CommittedAt,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("files")] IReadOnlyList<CommittedFile> Files,
    [property: JsonPropertyName("schema")] IReadOnlyList<string> Schema,
    [property: JsonPropertyName("inputs")] IReadOnlyDictionary<string, string> Inputs);
