using System.Text.RegularExpressions;
using NbaLake.Activate.Report;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Activate;

/// <summary>The report's charts: a dark chart recoloured from the light drawing is the chart drawn in the dark theme.</summary>
public partial class ChartsTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Every_dark_chart_recoloured_from_its_light_drawing_equals_the_chart_drawn_dark()
    {
        using var lake = new TempLake();
        var data = await ReportLake.RunAndLoadAsync(lake);
        var (light, dark) = Charts.Themes;

        var drawings = Charts.Drawings(data);

        Assert.Equal(["wins", "scorers", "stretch", "streak", "rejects"], drawings.Select(d => d.Id));
        foreach (var (id, _, _, draw, height) in drawings)
        {
            foreach (var (theme, width) in new[] { (light, 900), (light with { Narrow = true }, 480) })
            {
                var recoloured = Charts.Darken(Charts.Draw(draw, theme, width, height));
                var drawnDark = Charts.Draw(draw, theme with { Dark = true, Text = dark.Text, Background = dark.Background, Grid = dark.Grid, Main = dark.Main, Accent = dark.Accent, Muted = dark.Muted }, width, height);
                Assert.True(ClipIds().Replace(recoloured, "cl") == ClipIds().Replace(drawnDark, "cl"), $"{id} at {width} px: the recoloured dark chart differs from the one drawn dark");
            }
        }
    }

    /// <summary>ScottPlot numbers its clip paths with a counter shared by every drawing: the only part that differs between two drawings of one chart.</summary>
    [GeneratedRegex("cl_[0-9a-f]+")]
    private static partial Regex ClipIds();
}
