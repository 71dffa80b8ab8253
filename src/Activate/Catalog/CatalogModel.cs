namespace NbaLake.Activate.Catalog;

/// <summary>The lake's catalog (<c>lake/catalog.json</c>): every table, its columns, lineage and state.</summary>
public sealed record LakeCatalog(DateTimeOffset GeneratedAt, string Lake, IReadOnlyList<CatalogTable> Tables)
{
    /// <summary>The table named <c>layer.name</c> (or just <c>name</c> when that is unique), or null.</summary>
    public CatalogTable? Find(string name) =>
        Tables.FirstOrDefault(t => t.Name == name)
        ?? (Tables.Count(t => t.Table == name) == 1 ? Tables.First(t => t.Table == name) : null);
}

/// <summary>One table of the catalog.</summary>
/// <param name="Name">Layer and table, <c>silver.games</c>.</param>
/// <param name="Path">The folder readers glob, relative to the lake root.</param>
/// <param name="Upstream">Declared upstream tables and landing sources.</param>
/// <param name="UpstreamVersions">The upstream versions the current version was built from (its commit's inputs).</param>
/// <param name="SourceFiles">Bronze only: the landed files the current version holds.</param>
public sealed record CatalogTable(
    string Name,
    string Layer,
    string Table,
    string Path,
    string Description,
    string Grain,
    IReadOnlyList<string> Key,
    string? PartitionBy,
    IReadOnlyList<string> Upstream,
    IReadOnlyDictionary<string, string> UpstreamVersions,
    IReadOnlyList<CatalogSourceFile> SourceFiles,
    long Rows,
    int? Version,
    CatalogCommit? LastCommit,
    CatalogFreshness Freshness,
    IReadOnlyList<CatalogColumn> Columns);

/// <summary>A column: its Parquet type, its description from the code, and what governs it.</summary>
public sealed record CatalogColumn(
    string Name, string Type, bool Nullable, string? Description, bool PersonalData, bool Key, IReadOnlyList<string> QualityRules);

/// <summary>The commit that made the current version.</summary>
public sealed record CatalogCommit(int Version, string RunId, DateTimeOffset CommittedAt, string Operation, int Files);

/// <summary>How fresh a table is: when it last changed, and the newest date its rows hold (from Parquet statistics).</summary>
public sealed record CatalogFreshness(DateTimeOffset? LastCommitAt, DateOnly? DataThrough);

/// <summary>A landed file a bronze table holds, by name and content hash, with the run that ingested it and its rows.</summary>
public sealed record CatalogSourceFile(string File, string Sha256, string Batch, long Rows);
