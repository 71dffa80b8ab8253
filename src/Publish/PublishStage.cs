using System.Diagnostics;
using NbaLake.Storage;
using NbaLake.Transform;
using Serilog;

namespace NbaLake.Publish;

/// <summary>
/// Analyse: silver → gold. Each silver unit (a season) gives its part of every gold table (<see cref="GoldState"/>,
/// cached while its files do not change), and the parts combined in date order are gold; then the answers from the
/// other gold tables. The build step of the four gold tables; the runner skips it when silver and the publish
/// settings are those gold was built from.
/// </summary>
public sealed class PublishStage(PublishOptions options, ILogger log) : IBuildStep
{
    public string Name => "publish";

    public string Settings => options.Describe();

    public async Task<StepOutput> BuildAsync(StepContext context, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var names = new LatestNames();
        var agg = new AggGameDetails.Fold();
        var stretch = new TeamBestStretch.Fold(options.StretchGames);
        var streak = new PlayerScoringStreaks.Fold(options.StreakThreshold);
        GoldState.ForEach(context.Store, options, log, unit =>
        {
            names.Add(unit.Names);
            agg.Add(unit.Agg);
            stretch.Add(unit.Stretch);
            streak.Add(unit.Streaks);
        });
        var counted = context.Store.State(FctGameDetails.Table)?.Rows ?? 0;

        var aggRows = agg.Rows(names);
        var stretches = stretch.Rows(names);
        var streaks = streak.Rows(names);
        var answers = Answers.Build(aggRows, stretches, streaks, options);
        var report = new StepReport(Name);
        var commits = new List<PendingCommit>();
        foreach (var (table, file) in new[]
        {
            (AggGameDetails.Table, ParquetRows.File("part-00000.parquet", aggRows)),
            (TeamBestStretch.Table, ParquetRows.File("part-00000.parquet", stretches)),
            (PlayerScoringStreaks.Table, ParquetRows.File("part-00000.parquet", streaks)),
            (Answers.Table, ParquetRows.File("part-00000.parquet", answers)),
        })
        {
            var pending = context.Store.Begin(table);
            commits.Add(new PendingCommit(pending, TableStore.Replace, _ => true));
            await pending.WriteAsync(file, ct);
            report.Tables.Add(new TableCount(table.ToString(), counted, file.Rows));
        }
        log.Information("Publish done in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new StepOutput(commits, report);
    }

    /// <summary>The answers of the current gold version, or none before the first publish.</summary>
    public static async Task<List<AnswerRow>> ReadAnswersAsync(LakeLayout layout, CancellationToken ct = default) =>
        await ParquetRows.ReadFolderAsync<AnswerRow>(layout.TableFolder(Answers.Table), ct);
}
