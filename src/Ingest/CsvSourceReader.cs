using System.Globalization;
using System.Text;
using CsvHelper;

namespace NbaLake.Ingest;

/// <summary>What reading one landed file gave: how many records, the rejects, or a refusal of the whole file.</summary>
public sealed record CsvReadResult(long Records, IReadOnlyList<BronzeReject> Rejects, IReadOnlyList<string> UnknownColumns, string? Refusal);

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
    /// Reads <paramref name="landed"/> as its source, in the source's encoding, handing each readable record to <paramref name="onRecord"/>
    /// (its values in <see cref="SourceDefinition.Columns"/> order, in an array the reader reuses: copy what you keep, and
    /// its first line); refuses the
    /// file, before any record, if a required column is missing.
    /// </summary>
    public static CsvReadResult Read(LandedFile landed, SourceOptions options, string batchId, Action<string?[], long> onRecord)
    {
        var (source, fileName) = (landed.Source, landed.Name);
        var encoding = options.TextEncoding;
        var rejects = new List<BronzeReject>();
        string[] header = [];
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
        };
        using var reader = CsvReader.Create(landed.Open(), csvOptions, leaveOpen: false);

        header = [.. reader.Headers];
        if (header.Length == 0)
        {
            return Refuse($"{fileName}: refused, the file is empty; a {source.Name} file needs a header line with {string.Join(", ", source.Required)}");
        }
        var map = MapHeader(header, source, out var unknown);
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
                    Source = source.Name, BatchId = batchId, SourceFile = fileName, SourceLine = reader.LineNumber, Reason = BronzeReject.InvalidUtf8,
                    Detail = $"{source.Columns[invalid]} holds bytes that are not {options.Encoding}: save the file as UTF-8 and land it again (a file already read is not read again when a setting changes), or set the encoding of files to come (Sources:<Source>:Encoding: {string.Join(", ", SourceOptions.Encodings)})",
                    RawText = Encoding.UTF8.GetString(reader.RawRecord),
                    RawBytes = Convert.ToBase64String(reader.RawRecord),
                });
                continue;
            }
            onRecord(values, reader.LineNumber);
            records++;
        }
        return new CsvReadResult(records, rejects, unknown, null);

        CsvReadResult Refuse(string message) => new(0, [], [], message);

        BronzeReject Reject(CsvMalformedRecord bad) => new()
        {
            Source = source.Name,
            BatchId = batchId,
            SourceFile = fileName,
            SourceLine = bad.LineNumber,
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

    /// <summary>For each known column, the index of its header field (case-insensitive, order-free), or -1.</summary>
    private static int[] MapHeader(string[] header, SourceDefinition source, out List<string> unknown)
    {
        var map = Enumerable.Repeat(-1, source.Columns.Count).ToArray();
        unknown = [];
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
            if (known >= 0 && map[known] < 0)
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
                $". The header's bytes alternate with zeros: the file looks UTF-16; set Sources:{PascalName(source)}:Encoding to \"utf-16\" in pipeline.json").ToString();
        }
        var detected = CandidateDelimiters
            .Where(d => d.ToString() != options.Delimiter)
            .OrderByDescending(d => rawHeader.Count(ch => ch == d))
            .FirstOrDefault(d => rawHeader.Count(ch => ch == d) >= source.Required.Count - 1);
        if (detected != default)
        {
            var shown = detected == '\t' ? "\\t" : detected.ToString();
            message.Append(CultureInfo.InvariantCulture,
                $". The header looks '{shown}'-delimited, not '{options.Delimiter}': set Sources:{PascalName(source)}:Delimiter to \"{shown}\" in pipeline.json");
        }
        return message.ToString();
    }

    private static string PascalName(SourceDefinition source) =>
        string.Concat(source.Name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
