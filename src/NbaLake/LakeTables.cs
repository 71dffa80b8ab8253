using NbaLake.Activate.Catalog;
using NbaLake.Ingest;
using NbaLake.Ops;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Transform;
using NbaLake.Transform.Quality;

namespace NbaLake;

/// <summary>Every table of the lake, in lifecycle order, as the catalog lists them; and the quality rules that guard them.</summary>
public static class LakeTables
{
    public static IReadOnlyList<TableDefinition> All { get; } =
    [
        .. Sources.All.Select(BronzeTable.Definition),
        BronzeReject.Definition,
        Games.Definition,
        FctGameDetails.Definition,
        SilverReject.Definition,
        AggGameDetails.Definition,
        TeamBestStretch.Definition,
        PlayerScoringStreaks.Definition,
        Answers.Definition,
        QualityResultRow.Definition,
        PipelineRuns.Definition,
    ];

    public static IReadOnlyList<(TableId Table, RuleNote Rule)> Rules { get; } =
    [
        .. Games.Rules.Select(r => (Games.Table, r.Note)),
        .. FctGameDetails.Rules.Select(r => (FctGameDetails.Table, r.Note)),
    ];

    /// <summary>The catalog of the lake as its commit logs are now.</summary>
    public static Task<LakeCatalog> CatalogAsync(TableStore store, CancellationToken ct = default) =>
        CatalogBuilder.BuildAsync(All, Rules, store, DateTimeOffset.UtcNow, ct);
}
