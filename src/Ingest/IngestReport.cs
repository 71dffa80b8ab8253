namespace NbaLake.Ingest;

/// <summary>What an ingest run did, for the run summary and the exit code.</summary>
public sealed class IngestReport
{
    /// <summary>Landed files written to bronze by this run.</summary>
    public int FilesIngested { get; set; }

    /// <summary>Landed files whose content bronze already holds.</summary>
    public int FilesSkipped { get; set; }

    /// <summary>One message per file refused whole (it stays in landing and is tried again next run).</summary>
    public List<string> Refused { get; } = [];

    /// <summary>Files left for the next run: changed while being read, or gone before they were read.</summary>
    public List<string> Deferred { get; } = [];

    /// <summary>Warnings about files that were ingested (columns left out, …).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Bronze rows written, per source.</summary>
    public Dictionary<string, long> RowsWritten { get; } = [];

    /// <summary>Records sent to <c>bronze/_rejects</c>, per source.</summary>
    public Dictionary<string, long> Rejects { get; } = [];
}
