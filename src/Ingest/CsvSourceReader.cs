using System.Globalization;
using System.Text;
using CsvHelper;

namespace NbaLake.Ingest;

/// <summary>What reading one landed file gave: how many records, the rejects, or a refusal of the whole file.</summary>
/// <param name="Unterminated">Whether its last line has no line break: the file may still be being written.</param>
public sealed record CsvReadResult(long Records, IReadOnlyList<BronzeReject> Rejects, IReadOnlyList<string> UnknownColumns, string? Refusal,
    bool Unterminated = false);

/// <summary>Reads one landed CSV into bronze records. The only place in NbaLake that parses CSV.</summary>
public static class CsvSourceReader
{
    private static readonly char[] CandidateDelimiters = [',', ';', '\t', '|'];

    /// <summary>Reads a landed file whole into memory (small files, validate).</summary>
    public static (BronzeFile File, CsvReadResult Result) ReadAll(LandedFile landed, SourceOptions options, string batchId)
    {
        var file = new BronzeFile(landed.Source, landed.Name);
        var result = Read(landed, options, batchId, file.Add);
        return (file, result);
    }

    /// <summary>
    /// Reads <paramref name="landed"/> as its source, in the source's encoding, handing each readable record to
    /// <paramref name="onRecord"/> with the line it starts on (its values in <see cref="SourceDefinition.Columns"/> order,
    /// in an array the reader reuses: copy what you keep). Refuses the file, before any record, if a required column is
    /// missing or named twice. A record longer than the source's <see cref="SourceOptions.MaxRecordBytes"/> is rejected
    /// (<c>record_too_long</c>, its length and first bytes kept) and never held in memory whole.
    /// </summary>
    public static CsvReadResult Read(LandedFile landed, SourceOptions options, string batchId, Action<string?[], long> onRecord)
    {
        var (source, fileName) = (landed.Source, landed.Name);
        var encoding = options.TextEncoding();
        var rejects = new List<BronzeReject>();
        string[] header = [];
        RecordGuardStream? guard = null;
        var csvOptions = CsvReaderOptions.Default with
        {
            Separator = options.Delimiter[0],
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = bad => rejects.Add(Reject(bad)),
            PoolStrings = true,
            Encoding = encoding,
            // The guard keeps longer records from the parser; this backstop bounds a UTF-16 file, which it cannot read.
            MaxRecordSize = options.MaxRecordBytes + (1 << 16),
        };
        if (NotText(landed) is { } kind)
        {
            return Refuse($"{fileName}: refused, {kind}");
        }
        var input = landed.Open();
        if (encoding?.CodePage != System.Text.Encoding.Unicode.CodePage)
        {
            input = guard = new RecordGuardStream(input, options.MaxRecordBytes, options.Delimiter[0]);
        }
        try
        {
            return ReadRecords();
        }
        catch (HeaderTooLongException e)
        {
            return Refuse($"{fileName}: refused, {e.Message} ({source.SettingsKey}:MaxRecordBytes): it is not a {source.Name} CSV, or its lines do not end with line breaks");
        }
        catch (CsvFormatException e) when (guard is null)
        {
            return Refuse($"{fileName}: refused, the record at line {e.LineNumber} is longer than {options.MaxRecordBytes:N0} bytes ({source.SettingsKey}:MaxRecordBytes); a UTF-16 file is refused whole for it: save it as UTF-8 to have that record rejected alone");
        }
        finally
        {
            input.Dispose();
        }

        CsvReadResult ReadRecords()
        {
            using var reader = CsvReader.Create(input, csvOptions, leaveOpen: false);

            header = [.. reader.Headers];
            if (header.Length == 0)
            {
                return Refuse($"{fileName}: refused, the file is empty; a {source.Name} file needs a header line with {string.Join(", ", source.Required)}");
            }
            var map = MapHeader(header, source, out var unknown, out var twice);
            if (twice is not null)
            {
                return Refuse($"{fileName}: refused, its header names {twice.Value.Column} twice (columns {twice.Value.First} and {twice.Value.Second}), so which one holds the data is not known: remove or rename one of them");
            }
            var missing = source.Columns.Where((c, i) => map[i] < 0 && source.Required.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return Refuse(MissingColumnsMessage(fileName, source, options, header, missing));
            }

            long records = 0;
            var values = new string?[map.Length];
            while (reader.Read())
            {
                var invalid = -1;
                for (var c = 0; c < map.Length; c++)
                {
                    values[c] = map[c] < 0 || reader.IsEmpty(map[c]) ? null : reader.GetString(map[c]);
                    if (invalid < 0 && values[c]?.Contains('\uFFFD', StringComparison.Ordinal) == true)
                    {
                        invalid = c;
                    }
                }
                // U+FFFD is where bytes were not UTF-8 (the text would be lost: the record is rejected), unless the record's
                // bytes are valid UTF-8 and it was written as such.
                if (invalid >= 0 && encoding is null && !System.Text.Unicode.Utf8.IsValid(reader.RawRecord))
                {
                    rejects.Add(new BronzeReject
                    {
                        Source = source.Name, BatchId = batchId, SourceFile = fileName, SourceLine = LineOf(reader.LineNumber), Reason = BronzeReject.InvalidUtf8,
                        Detail = $"{source.Columns[invalid]} holds bytes that are not {options.Encoding}: save the file as UTF-8 and land it again (a file already read is not read again when a setting changes), or set the encoding of files to come ({source.SettingsKey}:Encoding: {string.Join(", ", SourceOptions.Encodings)})",
                        RawText = Encoding.UTF8.GetString(reader.RawRecord),
                        RawBytes = Convert.ToBase64String(reader.RawRecord),
                    });
                    continue;
                }
                onRecord(values, LineOf(reader.LineNumber));
                records++;
            }
            foreach (var tooLong in guard?.LongRecords ?? [])
            {
                rejects.Add(new BronzeReject
                {
                    Source = source.Name, BatchId = batchId, SourceFile = fileName, SourceLine = tooLong.Line, Reason = BronzeReject.RecordTooLong,
                    Detail = $"the record is {tooLong.Length:N0} bytes long, over the limit of {options.MaxRecordBytes:N0} ({source.SettingsKey}:MaxRecordBytes): only its first {tooLong.Head.Length:N0} bytes are kept here",
                    RawText = Encoding.UTF8.GetString(tooLong.Head),
                    RawBytes = Convert.ToBase64String(tooLong.Head),
                });
            }
            return new CsvReadResult(records, [.. rejects.OrderBy(r => r.SourceLine)], unknown, null, guard?.EndsWithoutLineBreak ?? false);
        }

        CsvReadResult Refuse(string message) => new(0, [], [], message);

        long LineOf(long parserLine) => guard?.LineOf(parserLine) ?? parserLine;

        BronzeReject Reject(CsvMalformedRecord bad) => new()
        {
            Source = source.Name,
            BatchId = batchId,
            SourceFile = fileName,
            SourceLine = LineOf(bad.LineNumber),
            Reason = bad.Reason == CsvMalformedReason.FieldCountMismatch ? BronzeReject.WrongFieldCount : BronzeReject.BadQuoting,
            Detail = bad.Reason switch
            {
                CsvMalformedReason.FieldCountMismatch => $"the record does not have the header's {header.Length} fields",
                CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed: the rest of the file was read as one field",
                CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
                CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
                _ => $"malformed record ({bad.Reason})",
            },
            RawText = bad.RawRecord,
            // The parser hands a malformed record over as text: its bytes again in the file's encoding.
            RawBytes = Convert.ToBase64String((encoding ?? Encoding.UTF8).GetBytes(bad.RawRecord)),
        };
    }

    /// <summary>
    /// For each known column, the index of its header field (case-insensitive, order-free, trimmed), or -1; a known column
    /// named twice is ambiguous (<paramref name="twice"/>, with both 1-based positions).
    /// </summary>
    private static int[] MapHeader(string[] header, SourceDefinition source, out List<string> unknown, out (string Column, int First, int Second)? twice)
    {
        var map = Enumerable.Repeat(-1, source.Columns.Count).ToArray();
        unknown = [];
        twice = null;
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            var known = -1;
            for (var c = 0; c < source.Columns.Count; c++)
            {
                if (string.Equals(source.Columns[c], name, StringComparison.OrdinalIgnoreCase))
                {
                    known = c;
                    break;
                }
            }
            if (known >= 0 && map[known] >= 0)
            {
                twice ??= (source.Columns[known], map[known] + 1, i + 1);
            }
            else if (known >= 0)
            {
                map[known] = i;
            }
            else
            {
                unknown.Add(name);
            }
        }
        return map;
    }

    private static string MissingColumnsMessage(string fileName, SourceDefinition source, SourceOptions options, string[] header, List<string> missing)
    {
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{fileName}: refused, line 1 (header) lacks the required {source.Name} column(s) {string.Join(", ", missing)}; ")
            .Append(CultureInfo.InvariantCulture, $"found {header.Length} column(s): {Shorten(string.Join(", ", header).Replace("\0", "", StringComparison.Ordinal))}");
        var rawHeader = string.Join(options.Delimiter, header);
        if (rawHeader.Contains('\0', StringComparison.Ordinal))
        {
            // Every other byte zero: UTF-16 saved without a byte order mark (with one, it is read as UTF-16 anyway).
            return message.Append(CultureInfo.InvariantCulture,
                $". The header's bytes alternate with zeros: the file looks UTF-16; set {source.SettingsKey}:Encoding to \"utf-16\" in pipeline.json").ToString();
        }
        var detected = CandidateDelimiters
            .Where(d => d.ToString() != options.Delimiter)
            .OrderByDescending(d => rawHeader.Count(ch => ch == d))
            .FirstOrDefault(d => rawHeader.Count(ch => ch == d) >= source.Required.Count - 1);
        if (detected != default)
        {
            var shown = detected == '\t' ? "\\t" : detected.ToString();
            message.Append(CultureInfo.InvariantCulture,
                $". The header looks '{shown}'-delimited, not '{options.Delimiter}': set {source.SettingsKey}:Delimiter to \"{shown}\" in pipeline.json");
        }
        return message.ToString();
    }

    /// <summary>Text for a message: at most 200 characters, control characters and undecodable bytes shown as '?'.</summary>
    private static string Shorten(string text)
    {
        var shown = text.Length <= 200 ? text : text[..200] + "…";
        return string.Create(shown.Length, shown, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) || s[i] == '\uFFFD' ? '?' : s[i];
            }
        });
    }

    /// <summary>
    /// What a file holds instead of CSV text, from its first bytes (a gzip stream, a zip archive, Parquet), with how to
    /// land it; null for text. Its bytes are never quoted.
    /// </summary>
    private static string? NotText(LandedFile landed)
    {
        Span<byte> magic = stackalloc byte[4];
        int read;
        using (var peek = landed.Open())
        {
            read = peek.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        }
        var stem = landed.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? landed.Name[..^4] : landed.Name;
        return magic[..read] switch
        {
            [0x1F, 0x8B, ..] => landed.Compressed
                ? "its content is gzip-compressed once more inside: unpack it once and land the .csv.gz"
                : $"it is a gzip file, not CSV text: land it named {landed.Name}.gz",
            [0x50, 0x4B, 0x03 or 0x05, 0x04 or 0x06] => $"it is a zip archive, not CSV text: land it named {stem}.zip",
            [0x50, 0x41, 0x52, 0x31] => "it is a Parquet file, not CSV text: land the CSV export",
            _ => null,
        };
    }
}
