using NbaLake.Activate.Report;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Activate;

/// <summary>The report's charts: a dark chart recoloured from the light drawing is the chart drawn in the dark theme; a chart's SVG is the same whichever drawing came before it.</summary>
public class ChartsTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Every_dark_chart_recoloured_from_its_light_drawing_equals_the_chart_drawn_dark()
    {
        using var lake = new TempLake();
        var data = await ReportLake.RunAndLoadAsync(lake);
        var (light, dark) = Charts.Themes;

        var drawings = Charts.Drawings(data);

        Assert.Equal(["scorers", "stretch", "streak", "rejects"], drawings.Select(d => d.Id));
        foreach (var (id, _, _, height, _, draw) in drawings)
        {
            foreach (var (theme, width) in new[] { (light, 900), (light with { Narrow = true }, 480) })
            {
                var recoloured = Charts.Darken(Charts.Draw(draw, theme, width, height));
                var drawnDark = Charts.Draw(draw, theme with { Dark = true, Text = dark.Text, Background = dark.Background, Grid = dark.Grid, Main = dark.Main, Accent = dark.Accent, Muted = dark.Muted }, width, height);
                Assert.True(recoloured == drawnDark, $"{id} at {width} px: the recoloured dark chart differs from the one drawn dark");
            }
        }
    }

    [Fact]
    public void Clip_paths_are_numbered_from_0_in_the_order_they_appear_whatever_the_drawing_counter_said()
    {
        const string drawn = """<clipPath id="cl_6d"/><g clip-path="url(#cl_6d)"/><clipPath id="cl_1cd"/><g clip-path="url(#cl_1cd)"/><text>cl_6d decl_6d</text>""";

        Assert.Equal("""<clipPath id="cl_0"/><g clip-path="url(#cl_0)"/><clipPath id="cl_1"/><g clip-path="url(#cl_1)"/><text>cl_6d decl_6d</text>""",
            Charts.StableClipIds(drawn));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_chart_drawn_again_after_other_drawings_is_the_same_svg()
    {
        using var lake = new TempLake();
        var drawings = Charts.Drawings(await ReportLake.RunAndLoadAsync(lake));
        var (light, _) = Charts.Themes;

        var first = Charts.Draw(drawings[0].Draw, light, 900, drawings[0].Height);
        _ = drawings.Skip(1).AsParallel().Select(d => Charts.Draw(d.Draw, light, 900, d.Height)).ToList();
        var again = Charts.Draw(drawings[0].Draw, light, 900, drawings[0].Height);

        Assert.True(first == again, "the same chart drawn twice in one process gave two SVGs");
        Assert.Contains("id=\"cl_0\"", first);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_chart_whose_key_is_in_the_page_it_replaces_is_carried_over_and_a_change_to_its_data_draws_it_again()
    {
        using var lake = new TempLake();
        var data = await ReportLake.RunAndLoadAsync(lake);

        var (first, drawn, carried) = ReportPage.Render(data, "");
        Assert.Equal((4, 0), (drawn, carried));
        // Over its own page, nothing is drawn and the page is the same.
        Assert.Equal((first, 0, 4), ReportPage.Render(data, first));
        // A mark put in the page's scorers figure is carried over with it.
        var marked = first.Replace("data-chart=\"scorers\"", "data-chart=\"scorers\" data-mark=\"carried\"", StringComparison.Ordinal);
        Assert.Contains("data-mark=\"carried\"", ReportPage.Render(data, marked).Html);

        // One more point for one top scorer, one game of the streak chart scored differently: those two are drawn
        // again, the others carried, and the page is the one drawn from nothing.
        var streak = data.Streak!;
        var changed = data with
        {
            TopScorers = [.. data.TopScorers.Select((s, i) => i == 0 ? s with { Points = s.Points + 1 } : s)],
            Streak = streak with { Games = [.. streak.Games.Select((g, i) => i == streak.Games.Count - 1 ? g with { Points = g.Points + 1 } : g)] },
        };
        var (redrawn, drawnAgain, carriedAgain) = ReportPage.Render(changed, marked);
        Assert.DoesNotContain("data-mark", redrawn);
        Assert.Equal((2, 2), (drawnAgain, carriedAgain));
        Assert.Equal(ReportPage.Render(changed, "").Html, redrawn);
    }
}
