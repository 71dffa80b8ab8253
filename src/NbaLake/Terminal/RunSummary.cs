using System.Globalization;
using NbaLake.Storage.Ops;
using Spectre.Console;

namespace NbaLake.Terminal;

/// <summary>
/// The table an interactive run ends with: each stage with its time, then what it read and wrote per table. It fits an
/// 80-column terminal: the stage's time shares its row's first cell instead of a column of its own, and no cell wraps.
/// </summary>
public static class RunSummary
{
    private static readonly string[] Counts = ["rows in", "rows out", "duplicates", "rejects"];

    /// <summary>The summary of a run's rows of <c>_ops/pipeline_runs</c>, titled with its exit code.</summary>
    public static Table Render(IReadOnlyList<PipelineRunRow> rows, int exitCode)
    {
        var stages = rows.Where(r => r.Stage != "run").GroupBy(r => r.Stage).ToList();
        var total = rows.FirstOrDefault(r => r.Stage == "run" && r.TableName is null)?.DurationMs;
        var timed = stages.Select(s => (Name: s.Key, Time: Seconds(s.FirstOrDefault(r => r.TableName is null)?.DurationMs)))
            .Append((Name: "total", Time: Seconds(total))).ToList();
        var width = rows.Where(r => r.TableName is not null).Select(r => r.TableName!.Length + 2)
            .Concat(timed.Select(s => s.Name.Length + s.Time.Length + 2)).DefaultIfEmpty(0).Max();
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Run finished with exit code {exitCode} ({ExitCodes.Describe(exitCode)})")
            .AddColumn(new TableColumn("stage and table").NoWrap())
            .AddColumns([.. Counts.Select(h => new TableColumn(h).RightAligned().NoWrap())]);
        string Stage(string name, string time) => Markup.Escape(name.PadRight(width - time.Length) + time);
        foreach (var stage in stages)
        {
            table.AddRow(Stage(stage.Key, timed.First(s => s.Name == stage.Key).Time), "", "", "", "");
            foreach (var t in stage.Where(r => r.TableName is not null))
            {
                table.AddRow(Markup.Escape("  " + t.TableName), N(t.RowsIn), N(t.RowsOut), N(t.Duplicates), t.Rejects > 0 ? $"[yellow]{N(t.Rejects)}[/]" : N(t.Rejects));
            }
        }
        if (total is not null)
        {
            table.AddRow($"[bold]{Stage("total", timed[^1].Time)}[/]", "", "", "", "");
        }
        return table;
    }

    private static string N(long? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "";

    private static string Seconds(long? ms) => ms is { } m ? (m / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s" : "";
}
