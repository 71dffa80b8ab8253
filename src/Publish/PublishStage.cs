using System.Diagnostics;
using NbaLake.Storage;
using NbaLake.Transform;
using Serilog;

namespace NbaLake.Publish;

/// <summary>What a publish run did: the answers, and the rows of each gold table it wrote (none when gold was up to date).</summary>
/// <param name="Input">The silver rows and names gold was computed from, when it was (for the report; null when gold was up to date).</param>
public sealed record PublishReport(IReadOnlyList<AnswerRow> Answers, IReadOnlyDictionary<string, long> TableRows, long SilverRows,
    GoldInput? Input = null);

/// <summary>Analyse: silver → gold. Recomputes every gold table from silver and returns the answers.</summary>
public sealed class PublishStage(LakeLayout layout, PublishOptions options, TableStore store, ILogger log)
{
    /// <summary>Recomputes gold when silver or the publish settings changed; returns the current answers either way.</summary>
    /// <param name="silver">The current silver rows when the stage before has them in memory (they are used only if still current).</param>
    public async Task<PublishReport> RunAsync(SilverSnapshot? silver = null, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var inputs = new Dictionary<string, string>([store.VersionOf(FctGameDetails.Table), new("settings", options.Describe())]);
        if (Tables.All(t => store.IsUpToDate(t, inputs)))
        {
            log.Information("Gold is up to date with {Inputs}: nothing to publish", inputs);
            return new PublishReport(await ReadAnswersAsync(layout, ct), new Dictionary<string, long>(), 0);
        }
        var rows = silver is not null && silver.Version == store.Current(FctGameDetails.Table)?.Version
            ? silver.Rows
            : await ParquetRows.ReadFolderAsync<GameDetailRow>(layout.TableFolder(FctGameDetails.Table), ct);
        var input = new GoldInput(rows, options);
        log.Information("Publishing gold from {Rows} silver rows ({Counted} of the counted season types)", rows.Count, input.Rows.Count);

        var agg = AggGameDetails.Build(input);
        var stretches = TeamBestStretch.Build(input, options.StretchGames);
        var streaks = PlayerScoringStreaks.Build(input, options.StreakThreshold);
        var answers = Answers.Build(agg, stretches, streaks, options);

        await store.ReplaceAsync(AggGameDetails.Table, [ParquetRows.File("part-00000.parquet", agg)], inputs, ct);
        await store.ReplaceAsync(TeamBestStretch.Table, [ParquetRows.File("part-00000.parquet", stretches)], inputs, ct);
        await store.ReplaceAsync(PlayerScoringStreaks.Table, [ParquetRows.File("part-00000.parquet", streaks)], inputs, ct);
        await store.ReplaceAsync(Answers.Table, [ParquetRows.File("part-00000.parquet", answers)], inputs, ct);
        log.Information("Publish done in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new PublishReport(answers, new Dictionary<string, long>
        {
            [AggGameDetails.Table.ToString()] = agg.Count,
            [TeamBestStretch.Table.ToString()] = stretches.Count,
            [PlayerScoringStreaks.Table.ToString()] = streaks.Count,
            [Answers.Table.ToString()] = answers.Count,
        }, input.Rows.Count, input);
    }

    /// <summary>The gold tables, in the order they are committed.</summary>
    public static IReadOnlyList<TableId> Tables { get; } = [AggGameDetails.Table, TeamBestStretch.Table, PlayerScoringStreaks.Table, Answers.Table];

    /// <summary>The answers of the current gold version, or none before the first publish.</summary>
    public static async Task<List<AnswerRow>> ReadAnswersAsync(LakeLayout layout, CancellationToken ct = default) =>
        await ParquetRows.ReadFolderAsync<AnswerRow>(layout.TableFolder(Answers.Table), ct);
}
