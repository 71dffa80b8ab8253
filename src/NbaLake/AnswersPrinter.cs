using System.Text.Json;
using NbaLake.Publish;

namespace NbaLake;

/// <summary>Prints gold answers for people (sentences) or programs (JSON).</summary>
public static class AnswersPrinter
{
    public static void Print(IReadOnlyList<AnswerRow> answers, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("The answers");
        foreach (var a in answers)
        {
            output.WriteLine($"  {a.QuestionId}  {a.Question}");
            output.WriteLine($"      {a.Answer}");
        }
        output.WriteLine();
    }

    public static void PrintJson(IReadOnlyList<AnswerRow> answers, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(answers, CliJson.Default.IReadOnlyListAnswerRow));
}
