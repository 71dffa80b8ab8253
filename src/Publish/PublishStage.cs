using System.Diagnostics;
using NbaLake.Storage;
using NbaLake.Transform;
using Serilog;

namespace NbaLake.Publish;

/// <summary>
/// Analyse: silver → gold. The build step of every table whose definition names it, found through those definitions
/// (its loop never names a table): each table computed season by season gets its part of every silver season
/// (<see cref="SeasonPartCache"/>, cached while the season's files do not change), the parts merged in date order give
/// its rows; then the tables read from other gold tables (answers), after the tables they read; then the report's view
/// (<see cref="ReportView"/>). The runner skips it when silver and the settings that shape each table are those the
/// table was built from; a table whose files and inputs come out the same keeps its version.
/// </summary>
public sealed class PublishStage(PublishOptions options, ILogger log) : IBuildStep
{
    public string Name => "publish";

    /// <inheritdoc/>
    public IReadOnlyList<SettingValue> Settings { get; } = DeclaredSettings.Of(options, "Publish");

    public async Task<StepOutput> BuildAsync(StepContext context, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tables = UpstreamFirst(context.Tables).Select(GoldComputation.Of).ToList();
        var bySeason = tables.Where(t => t.PartType is not null).ToList();
        var cache = new SeasonPartCache(context.Store, bySeason, options, Settings);
        cache.Refresh(log);
        var names = new LatestNames();
        var merged = bySeason.Select(t => t.Empty(options)).ToList();
        cache.ForEach(season =>
        {
            names.Merge(season.Names);
            for (var t = 0; t < bySeason.Count; t++)
            {
                bySeason[t].Merge(merged[t], season.Parts[t]!);
            }
        });
        var counted = context.Store.State(FctGameDetails.Table)?.Rows ?? 0;

        var gold = new GoldRows(options);
        var report = new StepReport(Name);
        var commits = new List<PendingCommit>();
        foreach (var table in tables)
        {
            var file = table.Rows(table.PartType is null ? null : merged[bySeason.IndexOf(table)], names, gold);
            var pending = context.Store.Begin(table.Definition.Table);
            commits.Add(new PendingCommit(pending, TableStore.Replace, _ => true));
            await pending.WriteAsync(file, ct);
            report.Tables.Add(new TableCount(table.Definition.Table.ToString(), counted, file.Rows));
        }
        if (ReportView.Build(cache, context, gold, names) is { } view)
        {
            view.Write(context.Store.Layout);
        }
        log.Information("Publish done in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new StepOutput(commits, report);
    }

    /// <summary>The answers of the current gold version, or none before the first publish.</summary>
    public static async Task<List<AnswerRow>> ReadAnswersAsync(LakeLayout layout, CancellationToken ct = default) =>
        await ParquetRows.ReadFolderAsync<AnswerRow>(layout.TableFolder(Answers.Table), ct);

    /// <summary>The tables in the order given, except that a table comes after the tables of the step it reads.</summary>
    private static List<TableDefinition> UpstreamFirst(IReadOnlyList<TableDefinition> tables)
    {
        var ordered = new List<TableDefinition>();
        var byTable = tables.ToDictionary(t => t.Table);
        void Visit(TableDefinition table, HashSet<TableId> path)
        {
            if (ordered.Contains(table))
            {
                return;
            }
            if (!path.Add(table.Table))
            {
                throw new InvalidOperationException($"The gold tables' upstreams form a cycle through {table.Table}.");
            }
            foreach (var upstream in table.Upstream.Where(byTable.ContainsKey))
            {
                Visit(byTable[upstream], path);
            }
            ordered.Add(table);
        }
        foreach (var table in tables)
        {
            Visit(table, []);
        }
        return ordered;
    }
}
