using System.Diagnostics;
using NbaLake.Storage;
using NbaLake.Transform;
using Serilog;

namespace NbaLake.Publish;

/// <summary>Analyse: silver → gold. Recomputes every gold table from silver and returns the answers.</summary>
public sealed class PublishStage(LakeLayout layout, PublishOptions options, TableStore store, ILogger log)
{
    public async Task<IReadOnlyList<AnswerRow>> RunAsync(CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var silver = await ParquetRows.ReadFolderAsync<GameDetailRow>(layout.TableFolder(FctGameDetails.Table), ct);
        var input = new GoldInput(silver, options);
        log.Information("Publishing gold from {Rows} silver rows ({Counted} of the counted season types)", silver.Count, input.Rows.Count);

        var agg = AggGameDetails.Build(input);
        var stretches = TeamBestStretch.Build(input, options.StretchGames);
        var streaks = PlayerScoringStreaks.Build(input, options.StreakThreshold);
        var answers = Answers.Build(agg, stretches, streaks, options);

        await store.ReplaceAsync(AggGameDetails.Table, [ParquetRows.File("part-00000.parquet", agg)], ct);
        await store.ReplaceAsync(TeamBestStretch.Table, [ParquetRows.File("part-00000.parquet", stretches)], ct);
        await store.ReplaceAsync(PlayerScoringStreaks.Table, [ParquetRows.File("part-00000.parquet", streaks)], ct);
        await store.ReplaceAsync(Answers.Table, [ParquetRows.File("part-00000.parquet", answers)], ct);
        log.Information("Publish done in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return answers;
    }

    /// <summary>The answers of the current gold version, or none before the first publish.</summary>
    public static async Task<List<AnswerRow>> ReadAnswersAsync(LakeLayout layout, CancellationToken ct = default) =>
        await ParquetRows.ReadFolderAsync<AnswerRow>(layout.TableFolder(Answers.Table), ct);
}
