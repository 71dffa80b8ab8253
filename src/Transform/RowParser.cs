using System.Globalization;
using NbaLake.Ingest;
using NbaLake.Storage;

namespace NbaLake.Transform;

/// <summary>
/// Types the fields of one bronze row by the contract's rules and remembers the first rule the row breaks.
/// Every field is trimmed first; a field blank after trimming is empty (null). Parse methods keep going after a
/// failure (returning null) so a table's build step reads as a plain list of columns. One parser is moved from row to
/// row (<see cref="MoveTo"/>); columns are addressed by their index in <see cref="SourceDefinition.Columns"/>. A
/// bronze row group holds each distinct value of a column once, so each is parsed once per row group and the
/// result (or the failure) reused for every row that holds it.
/// </summary>
internal sealed class RowParser(SourceDefinition source, SourceOptions options)
{
    private const NumberStyles Decimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly int Kinds = Enum.GetValues<Kind>().Length;
    private BronzeChunk chunk = null!;
    private object?[] memos = [];
    private int row;

    /// <summary>A parser standing on one row given as values (tests).</summary>
    public RowParser(SourceDefinition source, BronzeRow row, SourceOptions options)
        : this(source, options) => MoveTo(BronzeChunk.Of([row], source.Columns.Count), 0);

    private enum Kind
    {
        Text, KeyInt32, KeyInt64, Int64, Int64Required, Whole, WholeRequired, Count, Double, Date, DateRequired, ZeroOne, ZeroOneRequired, Minutes,
    }

    /// <summary>The first rule broken, or null while the row is good.</summary>
    public SilverReject? Reject { get; private set; }

    public string BatchId => chunk.Batches[row]!;

    public string SourceFile => chunk.Files[row]!;

    public long SourceLine => chunk.Lines[row];

    /// <summary>Moves to row <paramref name="index"/> of <paramref name="rows"/> and forgets the last row's reject.</summary>
    public void MoveTo(BronzeChunk rows, int index)
    {
        if (!ReferenceEquals(rows, chunk))
        {
            memos = new object?[rows.Columns.Length * Kinds];
        }
        (chunk, row, Reject) = (rows, index, null);
    }

    /// <summary>The field as landed, untrimmed.</summary>
    public string? Raw(int column) => chunk.Columns[column][row];

    /// <summary>A text column: trimmed, null when blank.</summary>
    public string? Text(int column) => Take(column, Kind.Text, static (_, raw) => new Parsed<string?>(Trim(raw)));

    /// <summary>An int32 key: empty or not an integer is <c>bad_key</c>.</summary>
    public int KeyInt32(int column) => Take(column, Kind.KeyInt32, static (_, raw) =>
        int.TryParse(Trim(raw), NumberStyles.AllowLeadingSign, Invariant, out var v) ? new(v) : Key<int>("an integer (int32) key"));

    /// <summary>An int64 key: empty or not an integer is <c>bad_key</c>.</summary>
    public long KeyInt64(int column) => Take(column, Kind.KeyInt64, static (_, raw) =>
        long.TryParse(Trim(raw), NumberStyles.AllowLeadingSign, Invariant, out var v) ? new(v) : Key<long>("an integer key"));

    /// <summary>An int64 id that is not part of the key; <paramref name="required"/> makes empty a <c>bad_value</c>.</summary>
    public long? Int64(int column, bool required = false) =>
        required ? Take(column, Kind.Int64Required, static (_, raw) => ParseInt64(Trim(raw), required: true))
            : Take(column, Kind.Int64, static (_, raw) => ParseInt64(Trim(raw), required: false));

    /// <summary>A whole number that may arrive as <c>21.0</c>; a fraction or an int32 overflow is <c>bad_value</c>.</summary>
    public int? Whole(int column, bool required = false) =>
        required ? Take(column, Kind.WholeRequired, static (_, raw) => ParseWhole(Trim(raw), required: true))
            : Take(column, Kind.Whole, static (_, raw) => ParseWhole(Trim(raw), required: false));

    /// <summary>A counting stat: a whole number that is not negative.</summary>
    public int? Count(int column) => Take(column, Kind.Count, static (_, raw) =>
        ParseWhole(Trim(raw), required: false) is var whole && whole is { Reason: null, Value: < 0 } ? Value<int?>("a count of 0 or more") : whole);

    /// <summary>A decimal number (percentages); NaN and the infinities, which .NET would parse, are not numbers.</summary>
    public double? Double(int column) => Take(column, Kind.Double, static (_, raw) => Trim(raw) is not { } text ? new(null)
        : double.TryParse(text, Decimal, Invariant, out var v) && double.IsFinite(v) ? new(v) : Value<double?>("a decimal number with a '.' point"));

    /// <summary>A date: ISO <c>yyyy-MM-dd</c> (a time part is ignored) or one of the source's extra formats.</summary>
    public DateOnly? Date(int column, bool required = false) =>
        required ? Take(column, Kind.DateRequired, static (p, raw) => p.ParseDate(Trim(raw), required: true))
            : Take(column, Kind.Date, static (p, raw) => p.ParseDate(Trim(raw), required: false));

    /// <summary><c>HOME_TEAM_WINS</c>: exactly 0 or 1.</summary>
    public bool? ZeroOne(int column, bool required = false) =>
        required ? Take(column, Kind.ZeroOneRequired, static (_, raw) => ParseZeroOne(Trim(raw), required: true))
            : Take(column, Kind.ZeroOne, static (_, raw) => ParseZeroOne(Trim(raw), required: false));

    /// <summary>
    /// Minutes played: <c>34:12</c> → 34.2, <c>27.000000:25</c> → 27 + 25/60, <c>34</c> → 34. Seconds run 0 to 60:
    /// the real stats.nba.com export writes a rounded-up minute as <c>35:60</c> (= 36), and team-games only add up to
    /// 240 minutes when it is read so; 61 and more are a bad_value. With <see cref="MinutesFormat.Spreadsheet"/>,
    /// <c>27:08:00</c> is 27:08 and a bare number is a day fraction whose hours were minutes.
    /// </summary>
    public double? Minutes(int column) => Take(column, Kind.Minutes, static (p, raw) => p.ParseMinutes(Trim(raw)));

    /// <summary>The parsed value of the current row's field, from the row group's memo; a failure becomes the row's reject.</summary>
    private T Take<T>(int column, Kind kind, Func<RowParser, string?, Parsed<T>> parse)
    {
        var text = chunk.Columns[column];
        var index = text.Indices[row];
        Parsed<T> parsed;
        if (index < 0)
        {
            parsed = parse(this, null);
        }
        else
        {
            var slot = column * Kinds + (int)kind;
            var memo = (Memo<T>?)memos[slot] ?? (Memo<T>)(memos[slot] = new Memo<T>(text.Values.Length));
            if (!memo.Known[index])
            {
                memo.Results[index] = parse(this, text.Values[index]);
                memo.Known[index] = true;
            }
            parsed = memo.Results[index];
        }
        if (parsed.Reason is { } reason)
        {
            Reject ??= NewReject(reason, column, $"expected {parsed.Expected}");
        }
        return parsed.Value;
    }

    private static string? Trim(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        var trimmed = raw.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static Parsed<T> Key<T>(string expected) => new(default!, SilverReject.BadKey, expected);

    private static Parsed<T> Value<T>(string expected) => new(default!, SilverReject.BadValue, expected);

    private static Parsed<long?> ParseInt64(string? text, bool required) =>
        text is null ? required ? Value<long?>("required: an integer") : new(null)
        : long.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out var v) ? new(v) : Value<long?>("an integer");

    private static Parsed<int?> ParseWhole(string? text, bool required)
    {
        if (text is null)
        {
            return required ? Value<int?>("required: a whole number") : new(null);
        }
        // Fast path for what exports write ("21" and "21.0"); anything else goes through decimal.
        var digits = text.EndsWith(".0", StringComparison.Ordinal) ? text.AsSpan(0, text.Length - 2) : text.AsSpan();
        if (int.TryParse(digits, NumberStyles.AllowLeadingSign, Invariant, out var whole))
        {
            return new(whole);
        }
        if (decimal.TryParse(text, Decimal, Invariant, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            return new((int)d);
        }
        return Value<int?>("a whole number (like 21 or 21.0)");
    }

    private static Parsed<bool?> ParseZeroOne(string? text, bool required) => text switch
    {
        "1" => new(true),
        "0" => new(false),
        null when !required => new(null),
        _ => Value<bool?>("0 or 1"),
    };

    private Parsed<DateOnly?> ParseDate(string? text, bool required)
    {
        if (text is null)
        {
            return required ? Value<DateOnly?>("required: a date") : new(null);
        }
        var datePart = text.Length > 10 && (text[10] == ' ' || text[10] == 'T') ? text.AsSpan(0, 10) : text.AsSpan();
        if (DateOnly.TryParseExact(datePart, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var iso))
        {
            return new(iso);
        }
        foreach (var format in options.DateFormats)
        {
            if (DateOnly.TryParseExact(text, format, Invariant, DateTimeStyles.None, out var d) ||
                DateOnly.TryParseExact(text.Split(' ')[0], format, Invariant, DateTimeStyles.None, out d))
            {
                return new(d);
            }
        }
        var accepted = string.Join(", ", ["yyyy-MM-dd", .. options.DateFormats]);
        return Value<DateOnly?>($"a date as {accepted} (add the format to {source.SettingsKey}:DateFormats in pipeline.json)");
    }

    private Parsed<double?> ParseMinutes(string? text)
    {
        if (text is null)
        {
            return new(null);
        }
        var spreadsheet = options.MinutesFormat == MinutesFormat.Spreadsheet;
        var span = text.AsSpan();
        if (spreadsheet && span.Count(':') == 2 && span.EndsWith(":00", StringComparison.Ordinal))
        {
            span = span[..^3]; // the spreadsheet read m:ss as h:mm and wrote h:mm:ss
        }
        var colon = span.IndexOf(':');
        if (spreadsheet && colon < 0)
        {
            // A day fraction: 0.416666667 day is 10 "hours", which were 10 minutes. Rounded to the second.
            return decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, Invariant, out var days)
                ? new(Math.Round((double)days * 24 * 60) / 60)
                : Value<double?>("a spreadsheet day fraction like 0,416666667 or m:ss:00");
        }
        var minutesPart = colon < 0 ? span : span[..colon];
        var secondsPart = colon < 0 ? [] : span[(colon + 1)..];
        if (decimal.TryParse(minutesPart, NumberStyles.AllowDecimalPoint, Invariant, out var minutes)
            && (colon < 0 || (secondsPart.Length is 1 or 2 && int.TryParse(secondsPart, NumberStyles.None, Invariant, out var s) && s <= 60)))
        {
            var seconds = colon < 0 ? 0 : int.Parse(secondsPart, Invariant);
            return new((double)minutes + seconds / 60.0);
        }
        var hint = span.Count(':') == 2 || text.Contains(',', StringComparison.Ordinal)
            ? $"; it looks like a spreadsheet time: if the export's MIN went through a spreadsheet, set {source.SettingsKey}:MinutesFormat to \"spreadsheet\""
            : "";
        return Value<double?>("minutes as m:ss, m.ffffff:ss or m" + hint);
    }

    /// <summary>A reject for this row that is decided outside the parser (a lookup against another table, a quality rule).</summary>
    public SilverReject NewReject(string reason, int column, string detail, bool prefixColumn = true) => new()
    {
        Source = source.Name,
        BatchId = BatchId,
        SourceFile = SourceFile,
        SourceLine = SourceLine,
        Reason = reason,
        Column = SourceDefinition.BronzeName(source.Columns[column]),
        Value = Raw(column),
        Detail = prefixColumn ? $"{SourceDefinition.BronzeName(source.Columns[column])}: {detail}" : detail,
    };

    /// <summary>A field's typed value, or the reason it failed and what was expected.</summary>
    private readonly record struct Parsed<T>(T Value, string? Reason = null, string? Expected = null);

    /// <summary>The parse results of one column's distinct values in one row group, for one kind of parse.</summary>
    private sealed class Memo<T>(int size)
    {
        public Parsed<T>[] Results { get; } = new Parsed<T>[size];

        public bool[] Known { get; } = new bool[size];
    }
}
