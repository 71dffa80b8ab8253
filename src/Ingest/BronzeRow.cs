namespace NbaLake.Ingest;

/// <summary>One bronze record read back for transformation: its raw values and its lineage.</summary>
/// <param name="Values">Raw field text per known column, in <see cref="SourceDefinition.Columns"/> order.</param>
public sealed record BronzeRow(string?[] Values, string BatchId, string SourceFile, long SourceLine)
{
    /// <summary>Orders by batch, then file name, then line (all ordinal): later in this order wins a duplicate.</summary>
    public int CompareLineage(BronzeRow other)
    {
        var c = string.CompareOrdinal(BatchId, other.BatchId);
        if (c == 0)
        {
            c = string.CompareOrdinal(SourceFile, other.SourceFile);
        }
        return c != 0 ? c : SourceLine.CompareTo(other.SourceLine);
    }
}
