namespace NbaLake.Ingest;

/// <summary>
/// Where ingest reads a landed file's records: a run's bronze files (<see cref="BronzeTarget"/>) or memory
/// (<see cref="MemoryTarget"/>, validate's dry run). What a read hands over counts only once ingest keeps it.
/// </summary>
public interface IRecordTarget
{
    /// <summary>Reads the file's records (<paramref name="size"/> bytes on disk; the <paramref name="sequence"/>-th file the source takes in this run).</summary>
    CsvReadResult Read(LandedFile file, SourceOptions options, long size, int sequence);

    /// <summary>The file is taken in: the records of the last read stay. Returns its rows per game bucket.</summary>
    IReadOnlyDictionary<string, long> Keep();

    /// <summary>The file is not taken in: nothing of the last read stays.</summary>
    void Drop();
}
