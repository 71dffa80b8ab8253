namespace NbaLake.Ingest;

/// <summary>Validate's <see cref="IRecordTarget"/>: every landed file read whole into memory; nothing is written.</summary>
public sealed class MemoryTarget(string batchId) : IRecordTarget
{
    private BronzeFile? last;

    /// <summary>The records of the files kept, in the order they were read.</summary>
    public List<BronzeFile> Files { get; } = [];

    public CsvReadResult Read(LandedFile file, SourceOptions options, long size, int sequence)
    {
        (last, var result) = CsvSourceReader.ReadAll(file, options, batchId);
        return result;
    }

    public IReadOnlyDictionary<string, long> Keep()
    {
        Files.Add(last!);
        last = null;
        return new Dictionary<string, long>();
    }

    public void Drop() => last = null;
}
