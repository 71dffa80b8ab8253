using System.Diagnostics;
using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform.Quality;
using Serilog;

namespace NbaLake.Transform;

/// <summary>
/// Process: bronze → silver. When bronze changed, recomputes silver from all of it (so earlier rejects are
/// re-admitted when their game arrives), applies the quality rules, and commits each table; unchanged seasons
/// keep their files.
/// </summary>
public sealed class TransformStage(LakeLayout layout, SourcesOptions options, IReadOnlyDictionary<string, QualityPolicy> policies, TableStore store, ILogger log)
{
    /// <summary>Runs the stage; <paramref name="written"/> holds the bronze files this process has just written, if any.</summary>
    public async Task<TransformReport> RunAsync(IReadOnlyDictionary<string, BronzeFile>? written = null, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var gamesInputs = Inputs(BronzeTable.Id(Sources.Games));
        var inputs = Inputs(BronzeTable.Id(Sources.Games), BronzeTable.Id(Sources.GameDetails));
        if (store.IsUpToDate(Games.Table, gamesInputs) && store.IsUpToDate(FctGameDetails.Table, inputs) && store.IsUpToDate(SilverReject.Table, inputs))
        {
            log.Information("Silver is up to date with bronze ({Inputs}): nothing to transform", inputs);
            return new TransformReport([], [], null);
        }
        var games = Games.Build(await BronzeTable.ReadAsync(layout, Sources.Games, written, ct), options.Games);
        var gamesById = games.Rows.ToDictionary(g => g.GameId);
        var details = FctGameDetails.Build(await BronzeTable.ReadAsync(layout, Sources.GameDetails, written, ct), gamesById, options.GameDetails);

        log.Information("Typed, joined and deduplicated {Rows} box-score rows in {ElapsedMs} ms", details.BronzeRows, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var checkStarted = Stopwatch.GetTimestamp();
        var (gameRows, detailRows, quality) = CheckQuality(games, details);
        log.Information("Checked {Rules} quality rules in {ElapsedMs} ms", quality.Results.Count, (long)Stopwatch.GetElapsedTime(checkStarted).TotalMilliseconds);

        // Each table is committed whole; files whose bytes did not change (untouched seasons) are kept as they are.
        await store.ReplaceAsync(Games.Table, Games.Files(gameRows), gamesInputs, ct);
        var committed = await store.ReplaceAsync(FctGameDetails.Table, FctGameDetails.Files(detailRows), inputs, ct);
        List<SilverReject> rejects = [.. games.Rejects, .. details.Rejects];
        await store.ReplaceAsync(SilverReject.Table, [ParquetRows.File("part-00000.parquet", rejects)], inputs, ct);
        await store.AppendAsync(QualityResultRow.Table, [ParquetRows.File($"part-{store.RunId}.parquet", quality.Results)], ct: ct);

        var report = new TransformReport(
            [Account(Games.Table, games, gameRows.Count), Account(FctGameDetails.Table, details, detailRows.Count)], quality.Results,
            new SilverSnapshot((committed ?? store.Current(FctGameDetails.Table))!.Version, detailRows));
        foreach (var table in report.Tables)
        {
            log.Information("Silver {Table}: {BronzeRows} bronze rows → {SilverRows} rows, {Duplicates} duplicates dropped, {Rejects} rejects {RejectsByReason}",
                table.Table, table.BronzeRows, table.SilverRows, table.Duplicates, table.Rejects, table.RejectsByReason);
        }
        foreach (var result in quality.Results.Where(r => r.Outcome != "passed"))
        {
            log.Warning("Quality rule {Rule} on {TableName} {Outcome}: {Failing} of {Checked} rows, e.g. {Example}",
                result.Rule, result.TableName, result.Outcome, result.RowsFailing, result.RowsChecked, result.Example);
        }
        log.Information("Transform done in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return report;
    }

    /// <summary>Applies the rules of both tables (details first: the games rule reads the details that stay).</summary>
    private (List<GameRow> Games, List<GameDetailRow> Details, QualityGate Gate) CheckQuality(TableBuild<GameRow> games, TableBuild<GameDetailRow> details)
    {
        var gate = new QualityGate(policies, store.RunId);
        var detailRows = gate.Apply(FctGameDetails.Table.ToString(), Sources.GameDetails, FctGameDetails.Rules, details.Rows,
            new SilverTables(games.Rows, details.Rows), d => d.Source, details.Rejects);
        var gameRows = gate.Apply(Games.Table.ToString(), Sources.Games, Games.Rules, games.Rows,
            new SilverTables(games.Rows, detailRows), g => g.Source, games.Rejects);
        return (gameRows, detailRows, gate);
    }

    private Dictionary<string, string> Inputs(params TableId[] tables) => tables.Select(store.VersionOf).ToDictionary();

    private static TableAccounting Account<T>(TableId table, TableBuild<T> build, int silverRows) =>
        new(table.Name, build.Source, build.BronzeRows, silverRows, build.Duplicates,
            build.Rejects.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
}
