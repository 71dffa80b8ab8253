namespace NbaLake.Ingest;

/// <summary>
/// The records of one landed file as bronze holds them: one row per CSV record, every known column as the field's
/// exact text (null when empty or when the file lacks the column), plus the lineage columns.
/// </summary>
public sealed class BronzeFile(SourceDefinition source, string batchId, string sourceFile, DateTime ingestedAt)
{
    public SourceDefinition Source { get; } = source;

    /// <summary><c>_batch_id</c>: the run that ingested the file.</summary>
    public string BatchId { get; } = batchId;

    /// <summary><c>_source_file</c>: the file name as landed.</summary>
    public string SourceFile { get; } = sourceFile;

    /// <summary><c>_ingested_at</c> (UTC).</summary>
    public DateTime IngestedAt { get; } = ingestedAt;

    /// <summary>Field values per record, in <see cref="SourceDefinition.Columns"/> order.</summary>
    public List<string?[]> Records { get; } = [];

    /// <summary><c>_source_line</c> per record: the 1-based line where it starts.</summary>
    public List<long> Lines { get; } = [];

    public void Add(string?[] values, long line)
    {
        Records.Add(values);
        Lines.Add(line);
    }
}
