namespace NbaLake.Ingest;

/// <summary>One bronze record read back for transformation: its raw values and its lineage.</summary>
/// <param name="Values">Raw field text per known column, in <see cref="SourceDefinition.Columns"/> order.</param>
public sealed record BronzeRow(string?[] Values, string BatchId, string SourceFile, long SourceLine);

/// <summary>The order of bronze rows that "the latest batch, then the latest line" refers to: batch, then file name, then line (all ordinal).</summary>
public static class Lineage
{
    public static int Compare(string batchA, string fileA, long lineA, string batchB, string fileB, long lineB)
    {
        var c = string.CompareOrdinal(batchA, batchB);
        if (c == 0)
        {
            c = string.CompareOrdinal(fileA, fileB);
        }
        return c != 0 ? c : lineA.CompareTo(lineB);
    }
}
