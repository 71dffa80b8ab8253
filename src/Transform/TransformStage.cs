using System.Diagnostics;
using NbaLake.Ingest;
using NbaLake.Storage;
using Serilog;

namespace NbaLake.Transform;

/// <summary>Process: bronze → silver. Rebuilds silver from all of bronze, so earlier rejects are re-admitted when their game arrives.</summary>
public sealed class TransformStage(LakeLayout layout, SourcesOptions options, TableStore store, ILogger log)
{
    public async Task<TransformReport> RunAsync(CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var gamesInputs = Inputs(BronzeTable.Id(Sources.Games));
        var inputs = Inputs(BronzeTable.Id(Sources.Games), BronzeTable.Id(Sources.GameDetails));
        if (store.IsUpToDate(Games.Table, gamesInputs) && store.IsUpToDate(FctGameDetails.Table, inputs) && store.IsUpToDate(SilverReject.Table, inputs))
        {
            log.Information("Silver is up to date with bronze ({Inputs}): nothing to transform", inputs);
            return new TransformReport([]);
        }
        var games = Games.Build(await BronzeTable.ReadAsync(layout, Sources.Games, ct), options.Games);
        var gamesById = games.Rows.ToDictionary(g => g.GameId);
        var details = FctGameDetails.Build(await BronzeTable.ReadAsync(layout, Sources.GameDetails, ct), gamesById, options.GameDetails);

        // Each table is committed whole; files whose bytes did not change (untouched seasons) are kept as they are.
        await store.ReplaceAsync(Games.Table, Games.Files(games.Rows), gamesInputs, ct);
        await store.ReplaceAsync(FctGameDetails.Table, FctGameDetails.Files(details.Rows), inputs, ct);
        List<SilverReject> rejects = [.. games.Rejects, .. details.Rejects];
        await store.ReplaceAsync(SilverReject.Table, [ParquetRows.File("part-00000.parquet", rejects)], inputs, ct);

        var report = new TransformReport([Account(Games.Table, games), Account(FctGameDetails.Table, details)]);
        foreach (var table in report.Tables)
        {
            log.Information("Silver {Table}: {BronzeRows} bronze rows → {SilverRows} rows, {Duplicates} duplicates dropped, {Rejects} rejects {RejectsByReason}",
                table.Table, table.BronzeRows, table.SilverRows, table.Duplicates, table.Rejects, table.RejectsByReason);
        }
        log.Information("Transform done in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return report;
    }

    private Dictionary<string, string> Inputs(params TableId[] tables) => tables.Select(store.VersionOf).ToDictionary();

    private static TableAccounting Account<T>(TableId table, TableBuild<T> build) =>
        new(table.Name, build.Source, build.BronzeRows, build.Rows.Count, build.Duplicates,
            build.Rejects.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
}
