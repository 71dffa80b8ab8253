using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>A row of gold <c>answers</c>: one homework question and its answer; key question_id.</summary>
public sealed class AnswerRow
{
    /// <summary>q1 to q5.</summary>
    [JsonPropertyName("question_id")] public string QuestionId { get; set; } = "";

    /// <summary>The question as asked.</summary>
    [JsonPropertyName("question")] public string Question { get; set; } = "";

    /// <summary>The answer as one sentence a fan can read.</summary>
    [JsonPropertyName("answer")] public string Answer { get; set; } = "";

    /// <summary>The player the answer names, if any.</summary>
    [JsonPropertyName("player_id")] public long? PlayerId { get; set; }

    /// <summary>That player's name (personal data).</summary>
    [PersonalData] [JsonPropertyName("player_name")] public string? PlayerName { get; set; }

    /// <summary>The team the answer names, if any.</summary>
    [JsonPropertyName("team_id")] public long? TeamId { get; set; }

    /// <summary>That team's abbreviation.</summary>
    [JsonPropertyName("team_abbreviation")] public string? TeamAbbreviation { get; set; }

    /// <summary>The season the answer names (q2).</summary>
    [JsonPropertyName("season")] public int? Season { get; set; }

    /// <summary>The number answered: points, wins or games in a row.</summary>
    [JsonPropertyName("value")] public long? Value { get; set; }

    /// <summary>First day of the stretch or streak (q4, q5).</summary>
    [JsonPropertyName("start_date")] public DateOnly? StartDate { get; set; }

    /// <summary>Last day of the stretch or streak (q4, q5).</summary>
    [JsonPropertyName("end_date")] public DateOnly? EndDate { get; set; }

    /// <summary>The gold table the answer is read from.</summary>
    [JsonPropertyName("source_table")] public string SourceTable { get; set; } = "";
}
