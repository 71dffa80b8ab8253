using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Ingest;

/// <summary>
/// A landed record the CSV parser could not read as a record (<c>lake/bronze/_rejects/</c>).
/// Grain: one row per unreadable record; key (<c>_source_file</c>, <c>_batch_id</c>, <c>_source_line</c>).
/// </summary>
public sealed class BronzeReject
{
    public static readonly TableId Table = TableId.Bronze("_rejects");

    /// <summary>The catalog entry: grain, key and upstream.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(BronzeReject), typeof(BronzeReject),
        "one row per landed record the CSV parser could not read", ["_batch_id", "_source_file", "_source_line"],
        [], CommitMode.Append, typeof(IngestStage), [.. Sources.All.Select(s => s.Name)]);

    /// <summary>Reason code: a field count that differs from the header's.</summary>
    public const string WrongFieldCount = "wrong_field_count";

    /// <summary>Reason code: a quote where RFC 4180 allows none, or a quote left open.</summary>
    public const string BadQuoting = "bad_quoting";

    /// <summary>Reason code: bytes that are not valid UTF-8 (they would be stored as replacement characters).</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>Reason code: a record longer than its source's <c>MaxRecordBytes</c>; its first bytes are kept, not all of it.</summary>
    public const string RecordTooLong = "record_too_long";

    /// <summary>The source the file was matched to.</summary>
    [JsonPropertyName("source")] public string Source { get; set; } = "";

    /// <summary>The run that read the record.</summary>
    [JsonPropertyName("_batch_id")] public string BatchId { get; set; } = "";

    /// <summary>File name as landed.</summary>
    [JsonPropertyName("_source_file")] public string SourceFile { get; set; } = "";

    /// <summary>1-based line where the record starts.</summary>
    [JsonPropertyName("_source_line")] public long SourceLine { get; set; }

    /// <summary>Reason code (<c>wrong_field_count</c>, <c>bad_quoting</c>, <c>invalid_utf8</c>, <c>record_too_long</c>).</summary>
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";

    /// <summary>What is wrong, for the person who fixes the file.</summary>
    [JsonPropertyName("detail")] public string Detail { get; set; } = "";

    /// <summary>The record's raw text as read (of a record that is too long, its first 4,096 bytes).</summary>
    [PersonalData] [JsonPropertyName("raw_text")] public string RawText { get; set; } = "";

    /// <summary>
    /// The record's bytes as landed, base64: exact where the text is not (bytes that are not UTF-8 are U+FFFD in
    /// <c>raw_text</c>), so the record can be recovered from bronze alone.
    /// </summary>
    [PersonalData] [JsonPropertyName("raw_bytes")] public string RawBytes { get; set; } = "";
}
