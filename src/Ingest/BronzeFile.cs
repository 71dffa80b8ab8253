namespace NbaLake.Ingest;

/// <summary>
/// The records of one landed file held in memory (small files, read whole before they join the run's bronze files):
/// one row per CSV record, every known column as the field's exact text (null when empty or when the file lacks the column).
/// </summary>
public sealed class BronzeFile(SourceDefinition source, string sourceFile)
{
    public SourceDefinition Source { get; } = source;

    /// <summary><c>_source_file</c>: the file name as landed.</summary>
    public string SourceFile { get; } = sourceFile;

    /// <summary>Field values per record, in <see cref="SourceDefinition.Columns"/> order.</summary>
    public List<string?[]> Records { get; } = [];

    /// <summary><c>_source_line</c> per record: the 1-based line where it starts.</summary>
    public List<long> Lines { get; } = [];

    /// <summary>The records as one chunk of bronze rows of batch <paramref name="batchId"/>.</summary>
    public BronzeChunk ToChunk(string batchId) =>
        BronzeChunk.Of([.. Records.Select((r, i) => new BronzeRow(r, batchId, SourceFile, Lines[i]))], Source.Columns.Count);

    /// <summary>Adds a record (a copy of <paramref name="values"/>, which the reader reuses).</summary>
    public void Add(string?[] values, long line)
    {
        Records.Add([.. values]);
        Lines.Add(line);
    }
}
