using System.Diagnostics;
using Serilog;

namespace NbaLake.Storage.Ops;

/// <summary>
/// The ops table <c>lake/_ops/pipeline_runs</c>: the job's own key metrics, queryable like any table. Append-only,
/// one file per run, written by the job itself (it has no build step). Collects a run's numbers from its steps' reports.
/// </summary>
public sealed class PipelineRuns(string runId)
{
    public static readonly TableId Table = new("_ops", "pipeline_runs");

    /// <summary>The table's definition: grain and key; it has no upstream table (the job itself writes it).</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(PipelineRuns), typeof(PipelineRunRow),
        "one row per stage and table per run", ["run_id", "stage", "table_name"], [], CommitMode.Append, Build: null);

    private readonly DateTime started = DateTime.UtcNow;
    private readonly long startedTicks = Stopwatch.GetTimestamp();
    private readonly List<PipelineRunRow> rows = [];
    private int filesIngested, filesSkipped, filesRefused;

    /// <summary>Records what a step did: one row for the stage, one per table it counted.</summary>
    public void Add(StepReport report)
    {
        filesIngested += report.FilesIngested;
        filesSkipped += report.FilesSkipped;
        filesRefused += report.Refused.Count;
        rows.Add(new PipelineRunRow { Stage = report.Step, DurationMs = report.DurationMs });
        rows.AddRange(report.Tables.Select(t => new PipelineRunRow
        {
            Stage = report.Step, TableName = t.Table, RowsIn = t.RowsIn, RowsOut = t.RowsOut, Duplicates = t.Duplicates, Rejects = t.Rejects,
            Superseded = t.Superseded,
        }));
    }

    /// <summary>The finished run's rows, the run row first.</summary>
    /// <param name="status">succeeded, input_refused or failed (the column's values).</param>
    public List<PipelineRunRow> Finish(int exitCode, string status)
    {
        var ended = DateTime.UtcNow;
        List<PipelineRunRow> all = [new PipelineRunRow { Stage = "run", DurationMs = (long)Stopwatch.GetElapsedTime(startedTicks).TotalMilliseconds }, .. rows];
        foreach (var row in all)
        {
            row.RunId = runId;
            row.StartedAt = started;
            row.EndedAt = ended;
            row.Status = status;
            row.ExitCode = exitCode;
            row.FilesIngested = filesIngested;
            row.FilesSkipped = filesSkipped;
            row.FilesRefused = filesRefused;
        }
        return all;
    }

    /// <summary>
    /// Appends a finished run's rows, after a row for the run found dead holding the lock (<paramref name="deadRun"/>),
    /// if any. A failure here is logged, never fatal: the tables the run committed stay committed.
    /// </summary>
    public static async Task RecordAsync(TableStore store, IReadOnlyList<PipelineRunRow> rows, string? deadRun, ILogger log, CancellationToken ct)
    {
        List<PipelineRunRow> all = deadRun is null ? [.. rows] : [new() { RunId = deadRun, Status = "died", Stage = "run", StartedAt = DateTime.UtcNow }, .. rows];
        try
        {
            await store.AppendAsync(Table, [ParquetRows.File($"part-{store.RunId}.parquet", all)], ct: ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error(e, "Could not record the run in {Table}: {Message}", Table.ToString(), e.Message);
        }
    }
}
