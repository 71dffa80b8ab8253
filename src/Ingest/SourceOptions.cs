using System.ComponentModel.DataAnnotations;
using System.Globalization;
using NbaLake.Storage;

namespace NbaLake.Ingest;

/// <summary>
/// How one source's files are found and read (<c>Sources:&lt;Source&gt;</c> in pipeline.json): each setting with its
/// default, its rule, and the tables it shapes. Those without <see cref="ShapesAttribute"/> change how landed files are
/// found and read from now on: a file already in bronze is not read again when they change.
/// </summary>
public sealed record SourceOptions : IOptionsRules
{
    /// <summary>File-name glob in the landing folder (<c>*</c> and <c>?</c>); a file matching several sources goes to the longest glob. A file-name pattern, no folder.</summary>
    public string Glob { get; set; } = "";

    /// <summary>Field delimiter, one ASCII character other than a quote or a line break. Default <c>,</c>.</summary>
    public string Delimiter { get; set; } = ",";

    /// <summary>Date formats accepted besides ISO <c>yyyy-MM-dd</c> (for example <c>dd/MM/yyyy</c>), each a .NET date format. Default none.</summary>
    /// <remarks>Silver types bronze's text with it: a change rebuilds every silver bucket.</remarks>
    [Shapes(Silver, Quality)]
    public IReadOnlyList<string> DateFormats { get; set; } = [];

    /// <summary>
    /// How MIN is written: <c>contract</c> (default: <c>34:12</c>, <c>27.000000:25</c>, <c>34</c>) or <c>spreadsheet</c>, for
    /// exports whose MIN went through a spreadsheet time cell: <c>27:08:00</c> is 27:08, and a bare number is a
    /// fraction of a day whose hours were minutes (<c>0,416666667</c> and <c>0.416666667</c> are 10:00, <c>1</c> is 24:00).
    /// </summary>
    [Shapes(Silver, Quality)]
    public MinutesFormat MinutesFormat { get; set; } = MinutesFormat.Contract;

    /// <summary>
    /// <c>append</c> (default): every landed file adds rows, rows never disappear. <c>snapshot</c>: each file name holds
    /// the whole truth of what it contributes, so a new version of a name retracts the rows its earlier version had and
    /// it no longer has (unless another current file still has them).
    /// </summary>
    [Shapes(Silver, Quality)]
    public SourceMode Mode { get; set; } = SourceMode.Append;

    /// <summary>
    /// The files' character encoding: <c>utf-8</c> (default; a byte order mark of UTF-16 is honoured too),
    /// <c>windows-1252</c> (what spreadsheet programs on Windows save), <c>latin1</c> or <c>utf-16</c>.
    /// </summary>
    public string Encoding { get; set; } = "utf-8";

    /// <summary>
    /// The longest record, in bytes, that is read (default 1 MiB = 1,048,576, far above any real box-score line of a few
    /// hundred bytes). A longer record is rejected as <c>record_too_long</c> with its length and first 4,096 bytes, and
    /// reading goes on, so memory stays bounded whatever lands; a header longer than this refuses the file.
    /// </summary>
    [Range(MinMaxRecordBytes, MaxMaxRecordBytes)]
    public int MaxRecordBytes { get; set; } = DefaultMaxRecordBytes;

    /// <summary>The default of <see cref="MaxRecordBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxRecordBytes = 1 << 20;

    /// <summary>The range <see cref="MaxRecordBytes"/> may take: 4 KiB to 256 MiB.</summary>
    public const int MinMaxRecordBytes = 1 << 12, MaxMaxRecordBytes = 1 << 28;

    /// <summary>The encodings <see cref="Encoding"/> may name.</summary>
    public static IReadOnlyList<string> Encodings { get; } = ["utf-8", "windows-1252", "latin1", "utf-16"];

    /// <summary>The encoding the CSV reader is given: null for UTF-8 (its default, which honours byte order marks).</summary>
    public System.Text.Encoding? TextEncoding() => Encoding.ToLowerInvariant() switch
    {
        "utf-8" => null,
        "windows-1252" => CodePages.GetEncoding(1252),
        "latin1" => System.Text.Encoding.Latin1,
        "utf-16" => System.Text.Encoding.Unicode,
        _ => throw new InvalidOperationException($"Encoding \"{Encoding}\" is not one of {string.Join(", ", Encodings)}: Settings validates it at start-up"),
    };

    private static readonly System.Text.EncodingProvider CodePages = System.Text.CodePagesEncodingProvider.Instance;

    /// <summary>The tables the settings that shape silver shape: every silver table and the quality results.</summary>
    private const string Silver = "silver", Quality = "_ops.quality";

    /// <inheritdoc/>
    public IEnumerable<string> Problems(string section)
    {
        if (string.IsNullOrWhiteSpace(Glob) || Glob.Contains('/', StringComparison.Ordinal) || Glob.Contains('\\', StringComparison.Ordinal))
        {
            yield return $"{section}:{nameof(Glob)} must be a file-name pattern such as \"{ExampleGlob(section)}\" (got \"{Glob}\").";
        }
        if (Delimiter.Length != 1 || Delimiter[0] is '"' or '\r' or '\n' || Delimiter[0] > 127)
        {
            yield return $"{section}:{nameof(Delimiter)} must be one ASCII character other than a quote or a line break, such as \",\", \";\" or \"\\t\" (got \"{Delimiter}\").";
        }
        if (!Encodings.Contains(Encoding, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{section}:{nameof(Encoding)} must be one of {string.Join(", ", Encodings)} (got \"{Encoding}\").";
        }
        foreach (var format in DateFormats.Where(f => !IsDateFormat(f)))
        {
            yield return $"{section}:{nameof(DateFormats)}: \"{format}\" is not a .NET date format such as \"dd/MM/yyyy\".";
        }
    }

    /// <summary>The glob the message suggests: the source's name and <c>*.csv</c> (<c>Sources:GameDetails</c> → <c>game_details*.csv</c>).</summary>
    private static string ExampleGlob(string section) =>
        Sources.All.FirstOrDefault(s => string.Equals(s.SettingsKey, section, StringComparison.Ordinal)) is { } source ? source.Name + "*.csv" : "*.csv";

    private static bool IsDateFormat(string format)
    {
        try
        {
            var sample = new DateOnly(2019, 10, 22).ToString(format, CultureInfo.InvariantCulture);
            return DateOnly.TryParseExact(sample, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        }
        catch (FormatException)
        {
            return false;
        }
    }
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

/// <summary>
/// The per-source settings (<c>Sources</c> in pipeline.json), with the contract's default globs: one property per
/// source, named as its <see cref="SourceDefinition.SettingsKey"/> names it.
/// </summary>
public sealed record SourcesOptions
{
    /// <summary><c>games.csv</c>: default glob <c>games*.csv</c>.</summary>
    public SourceOptions Games { get; set; } = new() { Glob = "games*.csv" };

    /// <summary><c>games_details.csv</c>: default glob <c>games_details*.csv</c>.</summary>
    public SourceOptions GameDetails { get; set; } = new() { Glob = "games_details*.csv" };

    /// <summary><c>teams.csv</c>: default glob <c>teams*.csv</c>.</summary>
    public SourceOptions Teams { get; set; } = new() { Glob = "teams*.csv" };

    /// <summary>The settings of a source: the property its settings key names.</summary>
    public SourceOptions For(SourceDefinition source) =>
        typeof(SourcesOptions).GetProperty(source.SettingsName)?.GetValue(this) as SourceOptions
        ?? throw new ArgumentOutOfRangeException(nameof(source), source.Name, $"no {source.SettingsKey} in {nameof(SourcesOptions)}");
}
