using System.ComponentModel.DataAnnotations;

namespace NbaLake.Ingest;

/// <summary>How one source's files are found and read (<c>Sources:&lt;Source&gt;</c> in pipeline.json).</summary>
public sealed record SourceOptions
{
    /// <summary>File-name glob in the landing folder (<c>*</c> and <c>?</c>); a file matching several sources goes to the longest glob.</summary>
    public string Glob { get; init; } = "";

    /// <summary>Field delimiter, one character. Default <c>,</c>.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>Date formats accepted besides ISO <c>yyyy-MM-dd</c> (for example <c>dd/MM/yyyy</c>). Default none.</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = [];

    /// <summary>
    /// How MIN is written: <c>contract</c> (default: <c>34:12</c>, <c>27.000000:25</c>, <c>34</c>) or <c>spreadsheet</c>, for
    /// exports whose MIN went through a spreadsheet time cell: <c>27:08:00</c> is 27:08, and a bare number is a
    /// fraction of a day whose hours were minutes (<c>0,416666667</c> and <c>0.416666667</c> are 10:00, <c>1</c> is 24:00).
    /// </summary>
    public MinutesFormat MinutesFormat { get; init; } = MinutesFormat.Contract;

    /// <summary>
    /// <c>append</c> (default): every landed file adds rows, rows never disappear. <c>snapshot</c>: each file name holds
    /// the whole truth of what it contributes, so a new version of a name retracts the rows its earlier version had and
    /// it no longer has (unless another current file still has them).
    /// </summary>
    public SourceMode Mode { get; init; } = SourceMode.Append;

    /// <summary>
    /// The files' character encoding: <c>utf-8</c> (default; a byte order mark of UTF-16 is honoured too),
    /// <c>windows-1252</c> (what spreadsheet programs on Windows save), <c>latin1</c> or <c>utf-16</c>.
    /// </summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>
    /// The longest record, in bytes, that is read (default 1 MiB = 1,048,576, far above any real box-score line of a few
    /// hundred bytes). A longer record is rejected as <c>record_too_long</c> with its length and first 4,096 bytes, and
    /// reading goes on, so memory stays bounded whatever lands; a header longer than this refuses the file.
    /// </summary>
    [Range(MinMaxRecordBytes, MaxMaxRecordBytes)]
    public int MaxRecordBytes { get; init; } = DefaultMaxRecordBytes;

    /// <summary>The default of <see cref="MaxRecordBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxRecordBytes = 1 << 20;

    /// <summary>The range <see cref="MaxRecordBytes"/> may take: 4 KiB to 256 MiB.</summary>
    public const int MinMaxRecordBytes = 1 << 12, MaxMaxRecordBytes = 1 << 28;

    /// <summary>The encodings <see cref="Encoding"/> may name.</summary>
    public static IReadOnlyList<string> Encodings { get; } = ["utf-8", "windows-1252", "latin1", "utf-16"];

    /// <summary>The encoding the CSV reader is given: null for UTF-8 (its default, which honours byte order marks).</summary>
    public System.Text.Encoding? TextEncoding => Encoding.ToLowerInvariant() switch
    {
        "utf-8" => null,
        "windows-1252" => CodePages.GetEncoding(1252),
        "latin1" => System.Text.Encoding.Latin1,
        "utf-16" => System.Text.Encoding.Unicode,
        _ => throw new InvalidOperationException($"Encoding \"{Encoding}\" is not one of {string.Join(", ", Encodings)}: Settings validates it at start-up"),
    };

    private static readonly System.Text.EncodingProvider CodePages = System.Text.CodePagesEncodingProvider.Instance;
}

/// <summary>What a new version of a landed file name means (<c>Sources:&lt;Source&gt;:Mode</c>).</summary>
public enum SourceMode
{
    /// <summary>Every batch adds rows; a row left out of a later file stays.</summary>
    Append,

    /// <summary>A file name's latest version is all it contributes: what it no longer has is retracted.</summary>
    Snapshot,
}

/// <summary>How a source writes MIN (<c>Sources:&lt;Source&gt;:MinutesFormat</c>).</summary>
public enum MinutesFormat
{
    /// <summary>The contract's formats: <c>34:12</c>, <c>27.000000:25</c>, <c>34</c>.</summary>
    Contract,

    /// <summary>MIN that went through a spreadsheet time cell: <c>27:08:00</c>, or a day fraction.</summary>
    Spreadsheet,
}

/// <summary>The per-source settings (<c>Sources</c> in pipeline.json), with the contract's default globs.</summary>
public sealed record SourcesOptions
{
    public SourceOptions Games { get; init; } = new() { Glob = "games*.csv" };

    public SourceOptions GameDetails { get; init; } = new() { Glob = "games_details*.csv" };

    public SourceOptions Teams { get; init; } = new() { Glob = "teams*.csv" };

    /// <summary>The settings of a source by its bronze name.</summary>
    public SourceOptions For(SourceDefinition source) => source.Name switch
    {
        "games" => Games,
        "game_details" => GameDetails,
        "teams" => Teams,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source.Name, "unknown source"),
    };
}
