using System.Reflection;
using NbaLake.Activate.Catalog;
using NbaLake.Ingest;
using NbaLake.Storage.Ops;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake;

/// <summary>
/// The lake's registry: every table definition the job's assemblies declare (a public static property of type
/// <see cref="TableDefinition"/>, or a list of them, on any public type), in lifecycle order. Nothing here names a table:
/// a new table is found through its definition.
/// </summary>
public static class LakeTables
{
    private static readonly string[] Layers = ["bronze", "silver", "gold", "_ops"];

    public static IReadOnlyList<TableDefinition> All { get; } = Discover(
        typeof(BronzeTable).Assembly, typeof(FctGameDetails).Assembly, typeof(PublishStage).Assembly, typeof(PipelineRuns).Assembly);

    /// <summary>Every quality rule of every table, with the table it guards.</summary>
    public static IReadOnlyList<(TableId Table, RuleNote Rule)> Rules { get; } = [.. All.SelectMany(d => (d.Rules ?? []).Select(r => (d.Table, r)))];

    /// <summary>The catalog of the lake as its commit logs are now.</summary>
    public static Task<LakeCatalog> CatalogAsync(TableStore store, CancellationToken ct = default) =>
        CatalogBuilder.BuildAsync(All, store, DateTimeOffset.UtcNow, ct);

    /// <summary>Lifecycle order: by layer, then tables before the tables built from them, then by name (rejects last).</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Aot.OwnTypes)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Aot.OwnTypes)]
    private static List<TableDefinition> Discover(params Assembly[] assemblies)
    {
        var found = assemblies.Distinct().SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .SelectMany(p => p.PropertyType == typeof(TableDefinition) ? [(TableDefinition)p.GetValue(null)!]
                : typeof(IEnumerable<TableDefinition>).IsAssignableFrom(p.PropertyType) && p.DeclaringType != typeof(LakeTables)
                    ? (IEnumerable<TableDefinition>)p.GetValue(null)! : [])
            .DistinctBy(d => d.Table)
            .ToList();
        var byTable = found.ToDictionary(d => d.Table);
        int Depth(TableDefinition d) => d.Upstream.Where(byTable.ContainsKey).Select(u => Depth(byTable[u]) + 1).DefaultIfEmpty(0).Max();
        return [.. found.OrderBy(d => Array.IndexOf(Layers, d.Table.Layer)).ThenBy(Depth)
            .ThenBy(d => d.Table.Name.StartsWith('_')).ThenBy(d => d.Sources?.Count > 0 ? Sources.All.ToList().FindIndex(s => s.Name == d.Sources[0]) : 0)
            .ThenBy(d => d.Table.Name, StringComparer.Ordinal)];
    }
}
