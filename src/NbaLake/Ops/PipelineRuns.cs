using System.Diagnostics;
using NbaLake.Storage;

namespace NbaLake.Ops;

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

    /// <summary>The row recording a run that died holding the lock (found by the run that took it over).</summary>
    public static PipelineRunRow Died(string deadRunId) => new() { RunId = deadRunId, Status = "died", Stage = "run", StartedAt = DateTime.UtcNow };

    /// <summary>The finished run's rows, the run row first.</summary>
    public List<PipelineRunRow> Finish(int exitCode)
    {
        var status = exitCode switch { ExitCodes.Success => "succeeded", ExitCodes.InputRefused => "input_refused", _ => "failed" };
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
}
