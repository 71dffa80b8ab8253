using NbaLake.Ingest;

namespace NbaLake.Transform;

/// <summary>What a silver row keeps of the bronze row it was typed from: its lineage, and the quality rules it broke.</summary>
public abstract class SilverRow
{
    /// <summary>The batch of the bronze row (lineage, not stored in silver).</summary>
    public string BatchId { get; set; } = "";

    /// <summary>The landed file of the bronze row (lineage, not stored in silver).</summary>
    public string SourceFile { get; set; } = "";

    /// <summary>The line of the bronze row (lineage, not stored in silver).</summary>
    public long SourceLine { get; set; }

    /// <summary>The per-row quality rules this row broke, with the rejects they would make; null for a clean row.</summary>
    public List<(string Rule, SilverReject Reject)>? Problems { get; set; }

    /// <summary>Whether this row comes later than <paramref name="other"/> in lineage order (later wins a duplicate).</summary>
    public bool IsLaterThan(SilverRow other) =>
        Lineage.Compare(BatchId, SourceFile, SourceLine, other.BatchId, other.SourceFile, other.SourceLine) > 0;
}
