using System.Diagnostics;
using NbaLake.Storage;
using NbaLake.Transform;
using Serilog;

namespace NbaLake.Publish;

/// <summary>What a publish run did: the answers, and the rows of each gold table it wrote (none when gold was up to date).</summary>
public sealed record PublishReport(IReadOnlyList<AnswerRow> Answers, IReadOnlyDictionary<string, long> TableRows, long SilverRows);

/// <summary>
/// Analyse: silver → gold. When silver or the publish settings changed, reads silver once in (game_date, game_id)
/// order, season by season and only the columns gold needs, folding every gold table as the rows go by; then writes
/// the answers from the other gold tables.
/// </summary>
public sealed class PublishStage(LakeLayout layout, PublishOptions options, TableStore store, ILogger log)
{
    /// <summary>Recomputes gold when silver or the publish settings changed; returns the current answers either way.</summary>
    public async Task<PublishReport> RunAsync(CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var inputs = new Dictionary<string, string>([store.VersionOf(FctGameDetails.Table), new("settings", options.Describe())]);
        if (Tables.All(t => store.IsUpToDate(t, inputs)))
        {
            log.Information("Gold is up to date with {Inputs}: nothing to publish", inputs);
            return new PublishReport(await ReadAnswersAsync(layout, ct), new Dictionary<string, long>(), 0);
        }
        var types = options.SeasonTypes.Count == 0 ? null : options.SeasonTypes.ToHashSet(StringComparer.Ordinal);
        var names = new LatestNames();
        var agg = new AggGameDetails.Fold();
        var stretch = new TeamBestStretch.Fold(options.StretchGames);
        var streak = new PlayerScoringStreaks.Fold(options.StreakThreshold);
        long counted = 0;
        SilverScan.Run(store, r => types is null || (r.SeasonType is not null && types.Contains(r.SeasonType)), row =>
        {
            counted++;
            names.Add(row);
            agg.Add(row);
            stretch.Add(row);
            streak.Add(row);
        });
        log.Information("Folded {Rows} silver rows of the counted season types in {ElapsedMs} ms", counted, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        var aggRows = agg.Rows(names);
        var stretches = stretch.Rows(names);
        var streaks = streak.Rows(names);
        var answers = Answers.Build(aggRows, stretches, streaks, options);
        await store.ReplaceAsync(AggGameDetails.Table, [ParquetRows.File("part-00000.parquet", aggRows)], inputs, ct);
        await store.ReplaceAsync(TeamBestStretch.Table, [ParquetRows.File("part-00000.parquet", stretches)], inputs, ct);
        await store.ReplaceAsync(PlayerScoringStreaks.Table, [ParquetRows.File("part-00000.parquet", streaks)], inputs, ct);
        await store.ReplaceAsync(Answers.Table, [ParquetRows.File("part-00000.parquet", answers)], inputs, ct);
        log.Information("Publish done in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new PublishReport(answers, new Dictionary<string, long>
        {
            [AggGameDetails.Table.ToString()] = aggRows.Count,
            [TeamBestStretch.Table.ToString()] = stretches.Count,
            [PlayerScoringStreaks.Table.ToString()] = streaks.Count,
            [Answers.Table.ToString()] = answers.Count,
        }, counted);
    }

    /// <summary>The gold tables, in the order they are committed.</summary>
    public static IReadOnlyList<TableId> Tables { get; } = [AggGameDetails.Table, TeamBestStretch.Table, PlayerScoringStreaks.Table, Answers.Table];

    /// <summary>The answers of the current gold version, or none before the first publish.</summary>
    public static async Task<List<AnswerRow>> ReadAnswersAsync(LakeLayout layout, CancellationToken ct = default) =>
        await ParquetRows.ReadFolderAsync<AnswerRow>(layout.TableFolder(Answers.Table), ct);
}
