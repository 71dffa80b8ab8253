using System.Globalization;
using NbaLake.Storage.Ops;
using Spectre.Console;

namespace NbaLake.Terminal;

/// <summary>The table an interactive run ends with: what each stage read and wrote, per table, and how long it took.</summary>
public static class RunSummary
{
    public static Table Render(IReadOnlyList<PipelineRunRow> rows, int exitCode)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Run finished with exit code {exitCode} ({ExitCodes.Describe(exitCode)})")
            .AddColumn("stage").AddColumn(new TableColumn("table").NoWrap()).AddColumn(new TableColumn("rows in").RightAligned()).AddColumn(new TableColumn("rows out").RightAligned())
            .AddColumn(new TableColumn("duplicates").RightAligned()).AddColumn(new TableColumn("rejects").RightAligned()).AddColumn(new TableColumn("time").RightAligned());
        foreach (var stage in rows.Where(r => r.Stage != "run").GroupBy(r => r.Stage))
        {
            var total = stage.FirstOrDefault(r => r.TableName is null);
            table.AddRow(Markup.Escape(stage.Key), "", "", "", "", "", total?.DurationMs is { } ms ? Seconds(ms) : "");
            foreach (var t in stage.Where(r => r.TableName is not null))
            {
                table.AddRow("", Markup.Escape(t.TableName!), N(t.RowsIn), N(t.RowsOut), N(t.Duplicates), t.Rejects > 0 ? $"[yellow]{N(t.Rejects)}[/]" : N(t.Rejects), "");
            }
        }
        if (rows.FirstOrDefault(r => r.Stage == "run") is { DurationMs: { } all })
        {
            table.AddRow("[bold]total[/]", "", "", "", "", "", $"[bold]{Seconds(all)}[/]");
        }
        return table;
    }

    private static string N(long? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "";

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
