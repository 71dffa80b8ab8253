using System.Globalization;
using NbaLake.Ingest;

namespace NbaLake.Transform;

/// <summary>
/// Types the fields of one bronze row by the contract's rules and remembers the first rule the row breaks.
/// Every field is trimmed first; a field blank after trimming is empty (null). Parse methods keep going after a
/// failure (returning null) so a table's build step reads as a plain list of columns. One parser is moved from row to
/// row (<see cref="MoveTo"/>): columns are addressed by their index in <see cref="SourceDefinition.Columns"/>.
/// </summary>
internal sealed class RowParser(SourceDefinition source, SourceOptions options)
{
    private const NumberStyles Decimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private BronzeChunk chunk = null!;
    private int row;

    /// <summary>A parser standing on one row given as values (tests, validate).</summary>
    public RowParser(SourceDefinition source, BronzeRow row, SourceOptions options)
        : this(source, options) => MoveTo(BronzeChunk.Of([row]), 0);

    /// <summary>The first rule broken, or null while the row is good.</summary>
    public SilverReject? Reject { get; private set; }

    public string BatchId => chunk.Batches[row]!;

    public string SourceFile => chunk.Files[row]!;

    public long SourceLine => chunk.Lines[row];

    /// <summary>Moves to row <paramref name="index"/> of <paramref name="rows"/> and forgets the last row's reject.</summary>
    public void MoveTo(BronzeChunk rows, int index)
    {
        (chunk, row, Reject) = (rows, index, null);
    }

    /// <summary>The field as landed, untrimmed.</summary>
    public string? Raw(int column) => chunk.Columns[column][row];

    /// <summary>A text column: trimmed, null when blank.</summary>
    public string? Text(int column)
    {
        var raw = chunk.Columns[column][row];
        if (raw is null)
        {
            return null;
        }
        var trimmed = raw.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>An int32 key: empty or not an integer is <c>bad_key</c>.</summary>
    public int KeyInt32(int column) =>
        int.TryParse(Text(column), NumberStyles.AllowLeadingSign, Invariant, out var v) ? v : FailKey(column, "an integer (int32) key");

    /// <summary>An int64 key: empty or not an integer is <c>bad_key</c>.</summary>
    public long KeyInt64(int column) =>
        long.TryParse(Text(column), NumberStyles.AllowLeadingSign, Invariant, out var v) ? v : FailKey(column, "an integer key");

    /// <summary>An int64 id that is not part of the key; <paramref name="required"/> makes empty a <c>bad_value</c>.</summary>
    public long? Int64(int column, bool required = false)
    {
        var text = Text(column);
        if (text is null)
        {
            return required ? FailValue<long?>(column, "required: an integer") : null;
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out var v) ? v : FailValue<long?>(column, "an integer");
    }

    /// <summary>A whole number that may arrive as <c>21.0</c>; a fraction or an int32 overflow is <c>bad_value</c>.</summary>
    public int? Whole(int column, bool required = false)
    {
        var text = Text(column);
        if (text is null)
        {
            return required ? FailValue<int?>(column, "required: a whole number") : null;
        }
        // Fast path for what exports write ("21" and "21.0"); anything else goes through decimal.
        var digits = text.EndsWith(".0", StringComparison.Ordinal) ? text.AsSpan(0, text.Length - 2) : text.AsSpan();
        if (int.TryParse(digits, NumberStyles.AllowLeadingSign, Invariant, out var whole))
        {
            return whole;
        }
        if (decimal.TryParse(text, Decimal, Invariant, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            return (int)d;
        }
        return FailValue<int?>(column, "a whole number (like 21 or 21.0)");
    }

    /// <summary>A counting stat: a whole number that is not negative.</summary>
    public int? Count(int column)
    {
        var value = Whole(column);
        return value < 0 ? FailValue<int?>(column, "a count of 0 or more") : value;
    }

    /// <summary>A decimal number (percentages).</summary>
    public double? Double(int column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }
        return double.TryParse(text, Decimal, Invariant, out var v) ? v : FailValue<double?>(column, "a decimal number with a '.' point");
    }

    /// <summary>A date: ISO <c>yyyy-MM-dd</c> (a time part is ignored) or one of the source's extra formats.</summary>
    public DateOnly? Date(int column, bool required = false)
    {
        var text = Text(column);
        if (text is null)
        {
            return required ? FailValue<DateOnly?>(column, "required: a date") : null;
        }
        var datePart = text.Length > 10 && (text[10] == ' ' || text[10] == 'T') ? text.AsSpan(0, 10) : text.AsSpan();
        if (DateOnly.TryParseExact(datePart, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var iso))
        {
            return iso;
        }
        foreach (var format in options.DateFormats)
        {
            if (DateOnly.TryParseExact(text, format, Invariant, DateTimeStyles.None, out var d) ||
                DateOnly.TryParseExact(text.Split(' ')[0], format, Invariant, DateTimeStyles.None, out d))
            {
                return d;
            }
        }
        var accepted = string.Join(", ", ["yyyy-MM-dd", .. options.DateFormats]);
        return FailValue<DateOnly?>(column, $"a date as {accepted} (add the format to {source.SettingsKey}:DateFormats in pipeline.json)");
    }

    /// <summary><c>HOME_TEAM_WINS</c>: exactly 0 or 1.</summary>
    public bool? ZeroOne(int column, bool required = false)
    {
        var text = Text(column);
        return text switch
        {
            "1" => true,
            "0" => false,
            null when !required => null,
            _ => FailValue<bool?>(column, "0 or 1"),
        };
    }

    /// <summary>
    /// Minutes played: <c>34:12</c> → 34.2, <c>27.000000:25</c> → 27 + 25/60, <c>34</c> → 34. Seconds run 0 to 60:
    /// the real stats.nba.com export writes a rounded-up minute as <c>35:60</c> (= 36), and team-games only add up to
    /// 240 minutes when it is read so; 61 and more are a bad_value. With <see cref="MinutesFormat.Spreadsheet"/>,
    /// <c>27:08:00</c> is 27:08 and a bare number is a day fraction whose hours were minutes.
    /// </summary>
    public double? Minutes(int column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
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
                ? Math.Round((double)days * 24 * 60) / 60
                : FailValue<double?>(column, "a spreadsheet day fraction like 0,416666667 or m:ss:00");
        }
        var minutesPart = colon < 0 ? span : span[..colon];
        var secondsPart = colon < 0 ? [] : span[(colon + 1)..];
        if (decimal.TryParse(minutesPart, NumberStyles.AllowDecimalPoint, Invariant, out var minutes)
            && (colon < 0 || (secondsPart.Length is 1 or 2 && int.TryParse(secondsPart, NumberStyles.None, Invariant, out var s) && s <= 60)))
        {
            var seconds = colon < 0 ? 0 : int.Parse(secondsPart, Invariant);
            return (double)minutes + seconds / 60.0;
        }
        var hint = span.Count(':') == 2 || text.Contains(',', StringComparison.Ordinal)
            ? $"; it looks like a spreadsheet time: if the export's MIN went through a spreadsheet, set {source.SettingsKey}:MinutesFormat to \"spreadsheet\""
            : "";
        return FailValue<double?>(column, "minutes as m:ss, m.ffffff:ss or m" + hint);
    }

    private int FailKey(int column, string expected)
    {
        Fail(SilverReject.BadKey, column, $"expected {expected}");
        return 0;
    }

    private T? FailValue<T>(int column, string expected)
    {
        Fail(SilverReject.BadValue, column, $"expected {expected}");
        return default;
    }

    private void Fail(string reason, int column, string detail)
    {
        Reject ??= NewReject(reason, column, detail);
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
}
