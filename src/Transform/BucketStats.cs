using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NbaLake.Transform.Quality;

namespace NbaLake.Transform;

/// <summary>
/// What one game bucket contributes to a silver table, kept in the table's metadata (<c>partition/g1900</c>) so that a
/// run that rebuilds some buckets still reports the accounting and the quality of the whole table.
/// </summary>
public sealed record BucketStats(
    [property: JsonPropertyName("bronze_rows")] long BronzeRows,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("rejects")] IReadOnlyDictionary<string, long> Rejects,
    [property: JsonPropertyName("rules")] IReadOnlyList<RuleCount> Rules,
    [property: JsonPropertyName("superseded")] long Superseded = 0)
{
    public const string Prefix = "partition/";

    public static BucketStats Of(TableAccounting account, List<RuleCount> rules) =>
        new(account.BronzeRows, account.SilverRows, account.Duplicates, account.RejectsByReason, rules, account.Superseded);

    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this, TransformJson.Default.BucketStats)!;

    public static BucketStats FromJson(JsonNode node) => node.Deserialize(TransformJson.Default.BucketStats)!;
}
