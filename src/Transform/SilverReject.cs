using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Transform;

/// <summary>
/// A bronze row that did not make it into silver (<c>lake/silver/_rejects/</c>), with the rule it broke.
/// Grain: one row per rejected bronze row; key (<c>source</c>, <c>_batch_id</c>, <c>_source_file</c>, <c>_source_line</c>).
/// Rebuilt with silver on every run, so a row admitted later (its game arrived) leaves this table.
/// </summary>
public sealed class SilverReject
{
    public static readonly TableId Table = TableId.Silver("_rejects");

    /// <summary>The catalog entry: grain, key and upstream.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(SilverReject), typeof(SilverReject),
        "one row per bronze row kept out of silver", ["source", "_batch_id", "_source_file", "_source_line"],
        [TableId.Bronze("games"), TableId.Bronze("game_details")], CommitMode.ReplacePartitions, typeof(TransformStage), PartitionBy: "game bucket (file name)");

    /// <summary>A key that is empty or not an integer.</summary>
    public const string BadKey = "bad_key";

    /// <summary>A non-empty field that does not parse as its type, or an empty required field.</summary>
    public const string BadValue = "bad_value";

    /// <summary>A detail row whose game is not in silver games.</summary>
    public const string UnknownGame = "unknown_game";

    /// <summary>A detail row whose team is neither the home nor the visitor team of its game.</summary>
    public const string TeamNotInGame = "team_not_in_game";

    /// <summary>The bronze source the row came from.</summary>
    [JsonPropertyName("source")] public string Source { get; set; } = "";

    /// <summary>The run that ingested the row.</summary>
    [JsonPropertyName("_batch_id")] public string BatchId { get; set; } = "";

    /// <summary>File name as landed.</summary>
    [JsonPropertyName("_source_file")] public string SourceFile { get; set; } = "";

    /// <summary>1-based line where the record starts in that file.</summary>
    [JsonPropertyName("_source_line")] public long SourceLine { get; set; }

    /// <summary>Reason code: bad_key, bad_value, unknown_game, team_not_in_game, or the quality rule that quarantined the row.</summary>
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";

    /// <summary>The offending column (bronze name), the first one found.</summary>
    [JsonPropertyName("column")] public string Column { get; set; } = "";

    /// <summary>The offending value as it was in bronze (null when empty).</summary>
    [JsonPropertyName("value")] public string? Value { get; set; }

    /// <summary>What a person can do about it.</summary>
    [JsonPropertyName("detail")] public string Detail { get; set; } = "";
}
