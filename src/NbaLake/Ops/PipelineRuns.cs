using System.Diagnostics;
using NbaLake.Ingest;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Ops;

/// <summary>
/// The ops table <c>lake/_ops/pipeline_runs</c>: the job's own key metrics, queryable like any table. Append-only,
/// one file per run. Collects a run's numbers as its stages report them.
/// </summary>
public sealed class PipelineRuns(string runId)
{
    public static readonly TableId Table = new("_ops", "pipeline_runs");

    /// <summary>The catalog entry: grain, key and upstream (the job itself: no table).</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(PipelineRuns), typeof(PipelineRunRow),
        "one row per stage and table per run", ["run_id", "stage", "table_name"], []);

    private readonly DateTime started = DateTime.UtcNow;
    private readonly long startedTicks = Stopwatch.GetTimestamp();
    private readonly List<PipelineRunRow> rows = [];
    private IngestReport? ingest;

    public void Ingested(IngestReport report, long durationMs)
    {
        ingest = report;
        rows.Add(new PipelineRunRow { Stage = "ingest", DurationMs = durationMs });
        foreach (var source in Sources.All)
        {
            var written = report.RowsWritten.GetValueOrDefault(source.Name);
            var rejected = report.Rejects.GetValueOrDefault(source.Name);
            rows.Add(new PipelineRunRow { Stage = "ingest", TableName = $"bronze.{source.Name}", RowsIn = written + rejected, RowsOut = written, Rejects = rejected });
        }
    }

    public void Transformed(TransformReport report, long durationMs)
    {
        rows.Add(new PipelineRunRow { Stage = "transform", DurationMs = durationMs });
        rows.AddRange(report.Tables.Select(t => new PipelineRunRow
        {
            Stage = "transform", TableName = $"silver.{t.Table}", RowsIn = t.BronzeRows, RowsOut = t.SilverRows, Duplicates = t.Duplicates, Rejects = t.Rejects,
        }));
    }

    public void Published(IReadOnlyDictionary<string, long> tableRows, long silverRows, long durationMs)
    {
        rows.Add(new PipelineRunRow { Stage = "publish", DurationMs = durationMs });
        rows.AddRange(tableRows.Select(t => new PipelineRunRow { Stage = "publish", TableName = t.Key, RowsIn = silverRows, RowsOut = t.Value }));
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
            row.FilesIngested = ingest?.FilesIngested ?? 0;
            row.FilesSkipped = ingest?.FilesSkipped ?? 0;
            row.FilesRefused = ingest?.Refused.Count ?? 0;
        }
        return all;
    }
}
