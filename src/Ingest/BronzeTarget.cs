namespace NbaLake.Ingest;

/// <summary>
/// A run's <see cref="IRecordTarget"/>: a small landed file is read whole, then joins the run's shared bronze files when
/// kept; a large (or compressed) one is streamed into bronze files of its own, deleted when dropped.
/// </summary>
public sealed class BronzeTarget(BronzeWriter writer, string batchId) : IRecordTarget
{
    /// <summary>Landed files up to this size are read whole before they join the run's shared bronze files; larger ones are streamed into their own.</summary>
    public const long SmallFileBytes = 32L << 20;

    private BronzeFile? whole;
    private BronzeWriter.StreamedFile? streamed;

    public CsvReadResult Read(LandedFile file, SourceOptions options, long size, int sequence)
    {
        if (size <= SmallFileBytes && !file.Compressed)
        {
            (whole, var result) = CsvSourceReader.ReadAll(file, options, batchId);
            return result;
        }
        streamed = writer.Stream(file.Name, sequence);
        return CsvSourceReader.Read(file, options, batchId, streamed.Add);
    }

    public IReadOnlyDictionary<string, long> Keep()
    {
        var buckets = whole is not null ? writer.Append(whole) : streamed!.Complete();
        (whole, streamed) = (null, null);
        return buckets;
    }

    public void Drop()
    {
        streamed?.Abandon();
        (whole, streamed) = (null, null);
    }
}
