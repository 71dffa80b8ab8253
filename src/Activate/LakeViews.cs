using System.Diagnostics;
using NbaLake.Activate.Catalog;
using NbaLake.Activate.Report;
using NbaLake.Publish;
using NbaLake.Storage;
using Serilog;

namespace NbaLake.Activate;

/// <summary>
/// The lake's pages for people, <c>catalog.json</c> and <c>CATALOG.md</c>, and <c>reports/index.html</c>: written again
/// by whatever commits (a run, a restore), so they never show a version that is no longer current.
/// </summary>
public static class LakeViews
{
    /// <summary>
    /// Reads the documentation the catalog quotes (each assembly's XML docs) and builds the catalog's JSON contract, ahead
    /// of the catalog's first use (see <see cref="TableStore.Warm"/>); with <paramref name="report"/>, makes the chart
    /// library's first drawing too (its native library and fonts: about 100 ms of a run that writes the report).
    /// </summary>
    public static void Warm(IReadOnlyList<TableDefinition> tables, bool report)
    {
        JsonContracts.Warm(CatalogJson.Default.Options, typeof(LakeCatalog));
        foreach (var type in tables.SelectMany(t => new[] { t.DefinedBy, t.RowType ?? t.DefinedBy }).DistinctBy(t => t.Assembly))
        {
            XmlDocs.Summary(type);
        }
        if (report)
        {
            Charts.Warm();
        }
    }

    /// <summary>Regenerates the catalog of <paramref name="tables"/> from the logs as they are now; a failure is logged, never fatal.</summary>
    public static async Task WriteCatalogAsync(IReadOnlyList<TableDefinition> tables, TableStore store, ILogger log, CancellationToken ct)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var catalog = await CatalogBuilder.BuildAsync(tables, store, DateTimeOffset.UtcNow, ct);
            CatalogWriter.Write(catalog, store.Layout.Root);
            log.Information("Wrote the catalog of {Tables} tables to {Catalog} in {ElapsedMs} ms", catalog.Tables.Count,
                Path.Combine(store.Layout.Root, CatalogWriter.MarkdownFile), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // It reads every table's Parquet footers: a file damaged in a way the size check cannot see fails here first.
            log.Error(e, "Could not write the catalog to {Lake}: {Message}. The tables are committed; 'nbalake catalog' prints it from the logs, and 'nbalake verify' checks every file of the lake",
                store.Layout.Root, e.Message);
        }
    }

    /// <summary>
    /// Writes the report when the store's run committed a table (so the report would change) or there is none yet; a
    /// run that committed nothing leaves it alone.
    /// </summary>
    public static async Task WriteReportAsync(TableStore store, PublishOptions options, ILogger log, CancellationToken ct)
    {
        var path = Path.Combine(store.Layout.Root, ReportPage.RelativePath);
        if (File.Exists(path) && !store.Tables().Any(t => store.Current(t)?.RunId == store.RunId))
        {
            log.Information("No table changed: the report {Report} stays as it is", path);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var data = await ReportDataBuilder.LoadAsync(store, options, ct);
        var (_, drawn, carried) = ReportPage.Write(data, store.Layout.Root);
        log.Information("Wrote the report {Report} in {ElapsedMs} ms: " + Counted.Hole("Drawn", drawn, "chart") + " drawn, {Carried} carried over unchanged from the page it replaces",
            path, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, drawn, carried);
    }
}
