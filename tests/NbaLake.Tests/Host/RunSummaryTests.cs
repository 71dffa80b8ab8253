using NbaLake.Storage.Ops;
using NbaLake.Terminal;
using Spectre.Console;

namespace NbaLake.Tests.Host;

/// <summary>The table an interactive run ends with, rendered as a terminal of a given width shows it.</summary>
public class RunSummaryTests
{
    private static readonly PipelineRunRow[] Run =
    [
        new() { Stage = "run", DurationMs = 3_512 },
        new() { Stage = "ingest", DurationMs = 1_234 },
        new() { Stage = "ingest", TableName = "bronze.game_details", RowsIn = 33_922, RowsOut = 33_920, Rejects = 2 },
        new() { Stage = "ingest", TableName = "bronze.teams", RowsIn = 10, RowsOut = 10, Rejects = 0 },
        new() { Stage = "transform", DurationMs = 812 },
        new() { Stage = "transform", TableName = "silver.fct_game_details", RowsIn = 33_920, RowsOut = 33_904, Duplicates = 16, Rejects = 0 },
        new() { Stage = "publish", DurationMs = 300 },
        new() { Stage = "publish", TableName = "gold.player_scoring_streaks", RowsIn = 6_600_000, RowsOut = 176 },
    ];

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Fits_an_80_column_terminal_without_breaking_a_number_or_a_header(int width)
    {
        Assert.Equal(
        [
            "                    Run finished with exit code 0 (success)",
            "╭───────────────────────────────┬───────────┬──────────┬────────────┬─────────╮",
            "│ stage and table               │   rows in │ rows out │ duplicates │ rejects │",
            "├───────────────────────────────┼───────────┼──────────┼────────────┼─────────┤",
            "│ ingest                  1.2 s │           │          │            │         │",
            "│   bronze.game_details         │    33,922 │   33,920 │            │       2 │",
            "│   bronze.teams                │        10 │       10 │            │       0 │",
            "│ transform               0.8 s │           │          │            │         │",
            "│   silver.fct_game_details     │    33,920 │   33,904 │         16 │       0 │",
            "│ publish                 0.3 s │           │          │            │         │",
            "│   gold.player_scoring_streaks │ 6,600,000 │      176 │            │         │",
            "│ total                   3.5 s │           │          │            │         │",
            "╰───────────────────────────────┴───────────┴──────────┴────────────┴─────────╯",
        ], Render(width));
    }

    private static string[] Render(int width)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        console.Write(RunSummary.Render(Run, 0));
        return [.. output.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)];
    }
}
