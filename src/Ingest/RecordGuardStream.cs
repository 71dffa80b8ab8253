using System.Buffers;

namespace NbaLake.Ingest;

/// <summary>A record longer than the source's limit: the line it starts on, its length in bytes, and its first bytes.</summary>
public sealed record LongRecord(long Line, long Length, byte[] Head);

/// <summary>A CSV whose first line (its header) alone is longer than the limit: no file of the source, refused whole.</summary>
public sealed class HeaderTooLongException(long limit) : IOException($"its first line (the header) is longer than {limit:N0} bytes");

/// <summary>
/// Stands between a landed CSV's bytes and the parser so that memory stays bounded whatever lands. It hands the parser
/// whole records only, holding back the one not finished yet; a record that grows past the limit is never handed
/// over: it is read past (its length counted, its first <see cref="HeadBytes"/> bytes kept) and only its line break is
/// passed on, an empty line the parser skips; <see cref="LineOf"/> turns the parser's line numbers back into the file's.
/// Record boundaries follow RFC 4180 quoting (a line break inside a quoted field ends no record). It also tells
/// whether the last line has no line break, as a file still being written has.
/// It works on bytes, for text whose quotes, delimiters and line breaks are single bytes (UTF-8, Windows-1252,
/// Latin-1); UTF-16 input (a byte order mark FF FE or FE FF) is passed through unchecked, and the parser's own size
/// limit guards it.
/// </summary>
public sealed class RecordGuardStream : Stream
{
    /// <summary>How much of a record that is too long is kept, for the person who looks at the reject.</summary>
    public const int HeadBytes = 4096;

    private const int Chunk = 1 << 16;
    private const byte Lf = (byte)'\n', Cr = (byte)'\r';

    private readonly Stream inner;
    private readonly int limit;
    private readonly byte quote, delimiter;
    private readonly SearchValues<byte> stops;
    private readonly List<LongRecord> longRecords = [];
    private readonly List<(long ParserLine, long Shift)> shifts = [];
    private byte[] window = ArrayPool<byte>.Shared.Rent(2 * Chunk);

    // The window of input in memory: [head, ready) may go to the parser, [ready, end) is the unfinished record, [scanned, end) is unread.
    private int head, ready, end, scanned, recordStart;
    private bool eof, passThrough, started;
    private byte beforeLast, last;

    // Quoting and lines at `scanned`.
    private bool inQuotes, closedQuote;
    private byte previous = Lf;
    private long breaks, recordLine = 1, records;

    // A record being read past, from `skipFrom` in the window.
    private bool skipping;
    private int skipFrom;
    private long skipLength;
    private byte[] skipHead = [];
    private int skipHeadLength;

    /// <param name="inner">The CSV's bytes (disposed with this stream).</param>
    /// <param name="limit">The longest record, in bytes, that reaches the parser.</param>
    public RecordGuardStream(Stream inner, int limit, char delimiter, char quote = '"')
    {
        this.inner = inner;
        this.limit = limit;
        this.delimiter = (byte)delimiter;
        this.quote = (byte)quote;
        stops = SearchValues.Create([this.quote, Lf, Cr]);
    }

    /// <summary>The records longer than the limit read past so far, in file order.</summary>
    public IReadOnlyList<LongRecord> LongRecords => longRecords;

    /// <summary>
    /// Whether the input's last byte is not a line break: a last line cut short, as a file still being written has
    /// (known once the input is read to its end; false for empty input).
    /// </summary>
    public bool EndsWithoutLineBreak { get; private set; }

    /// <summary>The file's line of what the parser counts as line <paramref name="parserLine"/> (records read past took lines away).</summary>
    public long LineOf(long parserLine)
    {
        long shift = 0;
        foreach (var (from, by) in shifts)
        {
            if (from > parserLine)
            {
                break;
            }
            shift = by;
        }
        return parserLine + shift;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (ready == head)
        {
            if (eof)
            {
                return 0;
            }
            Fill();
        }
        var n = Math.Min(ready - head, buffer.Length);
        window.AsSpan(head, n).CopyTo(buffer);
        head += n;
        return n;
    }

    /// <summary>Reads the next chunk of input and finds the record boundaries in it.</summary>
    private void Fill()
    {
        if (head > 0 && window.Length - end < Chunk)
        {
            window.AsSpan(head, end - head).CopyTo(window);
            (ready, end, scanned, recordStart, skipFrom) = (ready - head, end - head, scanned - head, recordStart - head, skipFrom - head);
            head = 0;
        }
        if (window.Length - end < Chunk)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(2 * window.Length, end + Chunk));
            window.AsSpan(0, end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(window);
            window = larger;
        }
        var read = inner.Read(window, end, Chunk);
        end += read;
        if (!started && end > 0)
        {
            started = true;
            passThrough = end >= 2 && ((window[0] == 0xFF && window[1] == 0xFE) || (window[0] == 0xFE && window[1] == 0xFF));
        }
        if (read > 0)
        {
            (beforeLast, last) = read > 1 ? (window[end - 2], window[end - 1]) : (last, window[end - 1]);
            // In UTF-16 a line break is two bytes, one of them zero.
            EndsWithoutLineBreak = passThrough ? (beforeLast, last) is not ((Lf or Cr, 0) or (0, Lf or Cr)) : last is not (Lf or Cr);
        }
        if (passThrough)
        {
            (ready, eof) = (end, read == 0);
            return;
        }
        Scan();
        if (read == 0)
        {
            AtEnd();
        }
    }

    /// <summary>Walks the unread bytes from quote to line break, ending records and reading past those that are too long.</summary>
    private void Scan()
    {
        while (scanned < end)
        {
            var span = window.AsSpan(scanned, end - scanned);
            var at = inQuotes ? span.IndexOf(quote) : span.IndexOfAny(stops);
            var plain = at < 0 ? span : span[..at];
            if (plain.Length > 0)
            {
                if (inQuotes)
                {
                    CountBreaks(plain); // line breaks inside a quoted field are lines of the file too
                }
                previous = plain[^1];
                closedQuote = false;
                scanned += plain.Length;
            }
            if (!skipping && scanned - recordStart > limit)
            {
                BeginSkip();
            }
            if (at >= 0)
            {
                Step(window[scanned]);
            }
        }
        if (skipping)
        {
            DropSkipped();
        }
    }

    /// <summary>One quote, CR or LF at <c>scanned</c> (inside quotes: a quote).</summary>
    private void Step(byte b)
    {
        if (inQuotes)
        {
            (inQuotes, closedQuote) = (false, true); // a closing quote, or the first of "" (then the next quote reopens)
        }
        else if (b == quote)
        {
            inQuotes = closedQuote || previous == delimiter || previous is Lf or Cr;
            closedQuote = false;
        }
        else
        {
            closedQuote = false;
            if (b == Cr || previous != Cr)
            {
                breaks++; // CR LF is one line break
            }
            if (skipping)
            {
                EndSkip(); // the line break stays: the parser sees an empty line where the record was
            }
            previous = b;
            scanned++;
            recordStart = ready = scanned;
            recordLine = breaks + 1;
            records++;
            return;
        }
        previous = b;
        scanned++;
    }

    /// <summary>Counts the line breaks of bytes inside a quoted field: LF, CR LF and a CR alone each end a line.</summary>
    private void CountBreaks(ReadOnlySpan<byte> bytes)
    {
        long count = bytes.Count(Lf);
        if (bytes[0] == Lf && previous == Cr)
        {
            count--; // the LF of a CR LF whose CR was counted
        }
        for (var i = bytes.IndexOf(Cr); i >= 0; i = bytes[(i + 1)..].IndexOf(Cr) is var next and >= 0 ? i + 1 + next : -1)
        {
            if (i + 1 >= bytes.Length || bytes[i + 1] != Lf)
            {
                count++; // a CR alone ends a line too (at the end of the bytes: the LF after it is not counted again)
            }
        }
        breaks += count;
    }

    /// <summary>The unfinished record passed the limit: from here on its bytes are read past, not kept.</summary>
    private void BeginSkip()
    {
        if (records == 0)
        {
            throw new HeaderTooLongException(limit);
        }
        (skipping, skipFrom, skipLength, skipHeadLength) = (true, recordStart, 0, 0);
        skipHead = new byte[HeadBytes];
    }

    /// <summary>Drops the bytes read past so far (keeping the record's head), so the window never holds more than the limit.</summary>
    private void DropSkipped()
    {
        var dropped = window.AsSpan(skipFrom, scanned - skipFrom);
        var keep = Math.Min(HeadBytes - skipHeadLength, dropped.Length);
        dropped[..keep].CopyTo(skipHead.AsSpan(skipHeadLength));
        skipHeadLength += keep;
        skipLength += dropped.Length;
        window.AsSpan(scanned, end - scanned).CopyTo(window.AsSpan(skipFrom));
        end -= dropped.Length;
        scanned = skipFrom;
    }

    /// <summary>The long record ended (at a line break, or at the end of the input): report it.</summary>
    private void EndSkip()
    {
        DropSkipped();
        skipping = false;
        var lines = breaks - (recordLine - 1);
        longRecords.Add(new LongRecord(recordLine, skipLength, skipHead[..skipHeadLength]));
        // The parser saw none of the record's own line breaks: the lines after it count that many fewer.
        var shifted = shifts.Count == 0 ? 0 : shifts[^1].Shift;
        var inside = lines - (eof ? 0 : 1);
        if (inside > 0)
        {
            shifts.Add((recordLine - shifted + 1, shifted + inside));
        }
    }

    /// <summary>The input is read: an unfinished last record goes to the parser as it is (or is reported, if too long).</summary>
    private void AtEnd()
    {
        eof = true;
        if (skipping)
        {
            EndSkip();
        }
        ready = end;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && window.Length > 0)
        {
            inner.Dispose();
            ArrayPool<byte>.Shared.Return(window);
            window = [];
        }
        base.Dispose(disposing);
    }
}
