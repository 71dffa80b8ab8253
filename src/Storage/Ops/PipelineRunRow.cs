using System.Text.Json.Serialization;

namespace NbaLake.Storage.Ops;

/// <summary>
/// A row of <c>lake/_ops/pipeline_runs</c>: one stage (or one table of a stage) of one run. Grain: (run_id, stage,
/// table_name); the row with stage <c>run</c> and no table is the run as a whole. Run-level columns repeat on each row.
/// </summary>
public sealed class PipelineRunRow
{
    /// <summary>The run (also the batch id of what it ingested).</summary>
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";

    /// <summary>When the run started (UTC).</summary>
    [JsonPropertyName("started_at")]
    public DateTime StartedAt { get; set; }

    /// <summary>When the run ended (UTC); null for a run that died.</summary>
    [JsonPropertyName("ended_at")]
    public DateTime? EndedAt { get; set; }

    /// <summary>succeeded, input_refused, failed, or died (recorded by the run that took over its lock).</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "";

    /// <summary>The process exit code; null for a run that died.</summary>
    [JsonPropertyName("exit_code")] public int? ExitCode { get; set; }

    /// <summary>Landed files ingested by the run.</summary>
    [JsonPropertyName("files_ingested")] public int FilesIngested { get; set; }

    /// <summary>Landed files skipped: their content was already in bronze.</summary>
    [JsonPropertyName("files_skipped")] public int FilesSkipped { get; set; }

    /// <summary>Landed files refused whole.</summary>
    [JsonPropertyName("files_refused")] public int FilesRefused { get; set; }

    /// <summary>run, ingest, transform or publish.</summary>
    [JsonPropertyName("stage")] public string Stage { get; set; } = "";

    /// <summary>The table the row counts (layer.name); null for the stage as a whole.</summary>
    [JsonPropertyName("table_name")] public string? TableName { get; set; }

    /// <summary>Rows read for the table (CSV records, bronze rows, silver rows).</summary>
    [JsonPropertyName("rows_in")] public long? RowsIn { get; set; }

    /// <summary>Rows in the table's written output.</summary>
    [JsonPropertyName("rows_out")] public long? RowsOut { get; set; }

    /// <summary>Duplicates dropped (silver).</summary>
    [JsonPropertyName("duplicates")] public long? Duplicates { get; set; }

    /// <summary>Rows rejected with a reason.</summary>
    [JsonPropertyName("rejects")] public long? Rejects { get; set; }

    /// <summary>Wall time of the stage or run, in milliseconds.</summary>
    [JsonPropertyName("duration_ms")] public long? DurationMs { get; set; }

    /// <summary>Rows of superseded versions of snapshot files, set aside (silver of a snapshot source; null otherwise).</summary>
    [JsonPropertyName("superseded")] public long? Superseded { get; set; }
}
