namespace NbaLake.Transform;

/// <summary>
/// What a transform run did: the accounting of each silver table over all of bronze (as a rebuild from scratch would
/// report it), the quality results, and how many game buckets it rebuilt; no tables when silver was already up to date.
/// </summary>
public sealed record TransformReport(IReadOnlyList<TableAccounting> Tables, IReadOnlyList<Quality.QualityResultRow> Quality, int BucketsRebuilt = 0,
    int Buckets = 0);
