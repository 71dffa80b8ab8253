namespace NbaLake.Ingest;

/// <summary>What ingest does with an entry of the landing folder.</summary>
public enum FileAction
{
    /// <summary>It matches no source: it stays in landing, named as a warning every run.</summary>
    Ignore,

    /// <summary>Refused whole: nothing of it reaches bronze, it stays in landing, and the run ends with exit code 3.</summary>
    Refuse,

    /// <summary>Left for the next run: it was gone, or changed, or still being written when read.</summary>
    Defer,

    /// <summary>Its content is already in bronze: not read again.</summary>
    Skip,

    /// <summary>Read into bronze as a new batch.</summary>
    Ingest,
}

/// <summary>
/// Ingest's decision about one landing entry, with what a person reads about it: made once, by <see cref="LandingScan"/>
/// and <see cref="SourceIntake"/>, and logged by a run or printed by <c>nbalake validate</c>, so both say the same.
/// </summary>
/// <param name="File">The landed name (<c>archive.zip!member.csv</c> for a member of a zip archive).</param>
/// <param name="Source">The source it matched; null for an entry the landing scan set aside.</param>
/// <param name="Message">
/// For an entry ignored, refused or deferred, the whole sentence (it starts with the name); for a file skipped, why; for
/// a file ingested, how many records it holds.
/// </param>
public sealed record FileDecision(FileAction Action, string File, string? Source, string Message)
{
    /// <summary>The SHA-256 of the CSV's bytes, once known (a file skipped or ingested).</summary>
    public string? Sha256 { get; init; }

    /// <summary>Records read (a file ingested).</summary>
    public long Records { get; init; }

    /// <summary>What a person should know about a file ingested: columns left out, a last line taken without a line break.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The records of a file ingested that the CSV parser could not read: they go to <c>bronze/_rejects</c>.</summary>
    public IReadOnlyList<BronzeReject> Rejects { get; init; } = [];
}
