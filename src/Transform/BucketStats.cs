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

    /// <summary>
    /// What two sets of rows of one bucket contribute together, when every game of <paramref name="later"/> sorts after
    /// every game of this one: the counts add up and a rule's example is this one's, or the later one's when this has
    /// none, as a build over both sets (which meets this set's rows first) picks it.
    /// </summary>
    public BucketStats Plus(BucketStats later) => new(
        BronzeRows + later.BronzeRows,
        Rows + later.Rows,
        Duplicates + later.Duplicates,
        Rejects.Concat(later.Rejects).GroupBy(r => r.Key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Value)),
        [
            .. Rules.Select(r => later.Rules.FirstOrDefault(l => l.Rule == r.Rule) is { } l
                ? new RuleCount(r.Rule, r.Checked + l.Checked, r.Failing + l.Failing, r.Example ?? l.Example)
                : r),
            .. later.Rules.Where(l => !Rules.Any(r => r.Rule == l.Rule)),
        ],
        Superseded + later.Superseded);

    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this, TransformJson.Default.BucketStats)!;

    public static BucketStats FromJson(JsonNode node) => node.Deserialize(TransformJson.Default.BucketStats)!;
}
