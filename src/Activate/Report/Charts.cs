using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NbaLake.Publish;
using ScottPlot;

namespace NbaLake.Activate.Report;

/// <summary>One drawing of a chart as an SVG document, for a light and for a dark page.</summary>
internal sealed record ChartSvg(int Width, string Light, string Dark);

/// <summary>A chart drawn for a wide screen and for a phone (fewer pixels across, so larger text once scaled).</summary>
internal sealed record Chart(Drawing Drawing, ChartSvg Wide, ChartSvg Narrow);

/// <summary>
/// A chart before it is drawn: what it shows, how it is drawn, and its key, a hash of everything its drawings depend
/// on (the data it is given, its title, caption and height, the build of NbaLake and ScottPlot that draws it, the font).
/// Drawing is deterministic (<see cref="Charts.StableClipIds"/>), so two charts with one key are the same SVG.
/// </summary>
internal sealed record Drawing(string Id, string Title, string Caption, int Height, string Key, Action<Plot, Charts.Theme> Draw);

/// <summary>The report's charts, drawn with ScottPlot and exported as SVG.</summary>
public static partial class Charts
{
    private const int Width = 900, NarrowWidth = 480, Height = 420;

    internal sealed record Theme(bool Dark, Color Text, Color Background, Color Grid, Color Main, Color Accent, Color Muted, bool Narrow = false);

    private static readonly Theme Light = new(false, Color.FromHex("#1b1f24"), Color.FromHex("#ffffff"), Color.FromHex("#e4e7eb"),
        Color.FromHex("#1f6feb"), Color.FromHex("#d97706"), Color.FromHex("#8b949e"));

    private static readonly Theme Dark = new(true, Color.FromHex("#e6edf3"), Color.FromHex("#0d1117"), Color.FromHex("#30363d"),
        Color.FromHex("#58a6ff"), Color.FromHex("#f2a33a"), Color.FromHex("#8b949e"));

    /// <summary>
    /// Draws each chart twice, wide and narrow, all drawings at once on every core (each has its own Plot); the dark
    /// ones are the light ones recoloured.
    /// </summary>
    internal static IReadOnlyList<Chart> Draw(IReadOnlyList<Drawing> drawings)
    {
        var svgs = drawings.SelectMany(d => new[] { (d, Theme: Light, Width), (d, Theme: Light with { Narrow = true }, Width: NarrowWidth) })
            .AsParallel().AsOrdered().Select(v => Draw(v.d.Draw, v.Theme, v.Width, v.d.Height)).ToArray();
        return [.. drawings.Select((d, i) => new Chart(d,
            new ChartSvg(Width, svgs[2 * i], Darken(svgs[2 * i])), new ChartSvg(NarrowWidth, svgs[2 * i + 1], Darken(svgs[2 * i + 1]))))];
    }

    /// <summary>Every chart the data allows, before it is drawn (a chart without data is left out, and the page says so).</summary>
    internal static IReadOnlyList<Drawing> Drawings(ReportData data)
    {
        var charts = new List<Drawing>();
        if (data.TopScorers.Count > 0)
        {
            charts.Add(Of("scorers", "Top scorer per season", "The player with the most points in each season (gold agg_game_details, player_season level).",
                Math.Max(Height, 120 + 28 * data.TopScorers.Count), data.TopScorers, ChartJson.Default.IReadOnlyListTopScorer, TopScorers));
        }
        if (data.Stretch is { } stretch)
        {
            charts.Add(Of("stretch", $"{stretch.Best.TeamAbbreviation}: wins in the last {stretch.Best.StretchGames} games",
                $"Each point is one game of {stretch.Best.TeamAbbreviation} in order; its height is the team's wins over the {stretch.Best.StretchGames} games ending there. The shaded band is the best stretch: {stretch.Best.BestWins} wins, {stretch.Best.StretchStartDate:yyyy-MM-dd} to {stretch.Best.StretchEndDate:yyyy-MM-dd}.",
                Height, stretch, ChartJson.Default.TeamGames, StretchChart));
        }
        if (data.Streak is { } streak)
        {
            charts.Add(Of("streak", $"{streak.Best.PlayerName}: points per game",
                $"Points in each game played; the dashed line is the threshold ({streak.Best.Threshold}); the shaded band is the longest streak of games over it: {streak.Best.LongestStreak} games{(streak.Best.StreakStartDate is { } s ? $", {s:yyyy-MM-dd} to {streak.Best.StreakEndDate:yyyy-MM-dd}" : "")}.",
                Height, streak, ChartJson.Default.PlayerGames, StreakChart));
        }
        if (data.Rejects.Count > 0)
        {
            charts.Add(Of("rejects", "Rejected rows by reason", "Rows of bronze/_rejects and silver/_rejects, by table and reason: each has a reason a person can act on.",
                Math.Max(260, 120 + 30 * data.Rejects.Count), data.Rejects, ChartJson.Default.IReadOnlyListRejectCount, RejectsChart));
        }
        return charts;
    }

    /// <summary>A chart of <paramref name="data"/>, keyed by everything its drawings depend on.</summary>
    private static Drawing Of<T>(string id, string title, string caption, int height, T data, JsonTypeInfo<T> json, Action<Plot, Theme, T> draw)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', DrawnBy, id, title, caption, height.ToString(CultureInfo.InvariantCulture), "")));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(data, json));
        return new Drawing(id, title, caption, height, Convert.ToHexStringLower(hash.GetHashAndReset())[..32], (plot, theme) => draw(plot, theme, data));
    }

    /// <summary>
    /// What draws: the builds of the code that draws and labels (Activate's and Publish's modules: a deterministic build
    /// of other code is another id, as the gold cache's key has it), ScottPlot's version, and the font this machine has (a
    /// lake moved to a machine with other fonts draws its charts again).
    /// </summary>
    private static string DrawnBy => $"{typeof(Charts).Assembly.ManifestModule.ModuleVersionId} {typeof(Answers).Assembly.ManifestModule.ModuleVersionId}"
        + " ScottPlot " + typeof(Plot).Assembly.GetName().Version + " font " + SansFont;

    /// <summary>Draws an empty chart: loads what every first drawing loads (the native graphics library, the fonts).</summary>
    public static void Warm() => Draw((_, _) => { }, Light, NarrowWidth, Height);

    /// <summary>One drawing of a chart in a theme, as SVG.</summary>
    internal static string Draw(Action<Plot, Theme> draw, Theme theme, int width, int height)
    {
        var plot = new Plot();
        draw(plot, theme);
        Style(plot, theme); // after drawing: a date axis replaces the bottom axis, and must get the theme's colours too
        return StableClipIds(plot.GetSvgXml(width, height));
    }

    /// <summary>
    /// The SVG with its clip paths numbered from 0 in the order they appear. Skia's SVG canvas, which ScottPlot draws
    /// with, numbers them (<c>cl_&lt;hex&gt;</c>) from one counter for the whole process, and the drawings run in parallel,
    /// so the same chart came out with other ids from run to run: a report of the same gold is now the same bytes,
    /// whichever run drew it. Only ids are renamed (after <c>id="</c> or <c>url(#</c>), never text.
    /// </summary>
    internal static string StableClipIds(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                ids[m.Value] = id = "cl_" + ids.Count.ToString(CultureInfo.InvariantCulture);
            }
            return id;
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<=id=\"|url\\(#)cl_[0-9a-f]+\\b")]
    private static partial System.Text.RegularExpressions.Regex ClipId();

    /// <summary>
    /// The dark drawing of a chart from its light one: the light theme's colours replaced by the dark theme's, and the white
    /// backgrounds by the dark background (white text on data cells stays). A drawing costs about 40 ms; a recolouring next
    /// to nothing, and the report draws every chart in two widths and two themes (ChartsTests checks that the two ways agree).
    /// </summary>
    internal static string Darken(string lightSvg)
    {
        var svg = new System.Text.StringBuilder(lightSvg)
            .Replace("<rect fill=\"white\"", $"<rect fill=\"{Hex(Dark.Background)}\"");
        foreach (var (light, dark) in Palette())
        {
            svg.Replace(Hex(light), Hex(dark));
        }
        return svg.ToString();

        static IEnumerable<(Color Light, Color Dark)> Palette() =>
            [(Light.Text, Dark.Text), (Light.Background, Dark.Background), (Light.Grid, Dark.Grid), (Light.Main, Dark.Main), (Light.Accent, Dark.Accent)];
    }

    /// <summary>A colour as ScottPlot writes it in SVG: #RRGGBB, upper case.</summary>
    private static string Hex(Color color) => FormattableString.Invariant($"#{color.R:X2}{color.G:X2}{color.B:X2}");

    /// <summary>The themes, for tests: light and dark, wide.</summary>
    internal static (Theme Light, Theme Dark) Themes => (Light, Dark);

    /// <summary>A sans-serif font the machine has (SkiaSharp's default here is a serif one), named in the SVG for the browser.</summary>
    private static readonly string SansFont =
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }.FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is not null) ?? Fonts.Default;

    private static void Style(Plot plot, Theme t)
    {
        plot.Font.Set(SansFont);
        plot.FigureBackground.Color = t.Background;
        plot.DataBackground.Color = t.Background;
        plot.Axes.Color(t.Text);
        plot.Grid.MajorLineColor = t.Grid;
        plot.Legend.BackgroundColor = t.Background;
        plot.Legend.FontColor = t.Text;
        plot.Legend.OutlineColor = t.Grid;
    }

    /// <summary>The colour of a cell of the wins grid, <paramref name="share"/> of the most wins (viridis), and whether dark text reads on it.</summary>
    internal static (string Background, bool DarkText) Cell(double share) => (Hex(Viridis.GetColor(share)), share > 0.6);

    private static readonly ScottPlot.Colormaps.Viridis Viridis = new();

    private static void TopScorers(Plot plot, Theme t, IReadOnlyList<TopScorer> scorers) =>
        HorizontalBars(plot, t, t.Main, "points in the season", [.. scorers.Select(s => ($"{Answers.SeasonLabel(s.Season)}  {s.Player}", s.Points))]);

    /// <summary>The team's wins over the N games ending at each game from its N-th on, as team_best_stretch's window slid them.</summary>
    private static void StretchChart(Plot plot, Theme t, TeamGames team)
    {
        var n = team.Best.StretchGames;
        var windows = team.Games.Where(g => g.WindowWins is not null).ToList();
        var xs = windows.Select(g => Day(g.Date)).ToArray();
        var ys = windows.Select(g => (double)g.WindowWins!.Value).ToArray();
        var span = plot.Add.HorizontalSpan(Day(team.Best.StretchStartDate), Day(team.Best.StretchEndDate));
        span.FillStyle.Color = t.Accent.WithAlpha(0.25);
        span.LineStyle.Color = t.Accent;
        span.LegendText = $"best stretch: {team.Best.BestWins} of {n}";
        var line = plot.Add.Scatter(xs, ys);
        line.Color = t.Main;
        line.MarkerSize = windows.Count <= MarkedPoints ? 3 : 0; // a dot per game only where the dots do not run together
        line.LegendText = $"wins in the last {n} games";
        IsoDates(plot);
        plot.Axes.Left.Label.Text = $"wins of the last {n}";
        plot.Axes.SetLimitsY(0, n);
        plot.ShowLegend(Alignment.LowerRight);
    }

    /// <summary>Points up to which the stretch line marks each game with a dot (beyond, the dots overlap into a thick line, and each is an SVG element).</summary>
    private const int MarkedPoints = 300;

    private static void StreakChart(Plot plot, Theme t, PlayerGames player)
    {
        if (player.Best.StreakStartDate is { } start && player.Best.StreakEndDate is { } end)
        {
            var span = plot.Add.HorizontalSpan(Day(start), Day(end));
            span.FillStyle.Color = t.Accent.WithAlpha(0.25);
            span.LineStyle.Color = t.Accent;
            span.LegendText = $"longest streak: {player.Best.LongestStreak} games";
        }
        var points = plot.Add.Scatter(player.Games.Select(g => Day(g.Date)).ToArray(), player.Games.Select(g => (double)g.Points).ToArray());
        points.Color = t.Main;
        points.LineWidth = 0;
        points.MarkerSize = 4;
        points.LegendText = "points";
        var threshold = plot.Add.HorizontalLine(player.Best.Threshold);
        threshold.Color = t.Muted;
        threshold.LinePattern = LinePattern.Dashed;
        threshold.LegendText = $"threshold: over {player.Best.Threshold}";
        IsoDates(plot);
        plot.Axes.Left.Label.Text = "points";
        plot.Axes.SetLimitsY(0, Math.Max(player.Best.Threshold * 2, player.Games.Select(g => g.Points).DefaultIfEmpty(0).Max()) * 1.1);
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void RejectsChart(Plot plot, Theme t, IReadOnlyList<RejectCount> rejects) =>
        HorizontalBars(plot, t, t.Accent, "rows", [.. rejects.Select(r => ($"{r.Table}: {r.Reason}", r.Rows))]);

    /// <summary>One labelled horizontal bar per item, top to bottom in the list's order, each with its value at its end.</summary>
    private static void HorizontalBars(Plot plot, Theme t, Color color, string axisLabel, IReadOnlyList<(string Label, long Value)> items)
    {
        var bars = plot.Add.Bars(items.Select((item, i) => new Bar
        {
            Position = items.Count - 1 - i,
            Value = item.Value,
            FillColor = color,
            LineWidth = 0,
            Label = item.Value.ToString("N0", CultureInfo.InvariantCulture),
        }).ToList());
        bars.Horizontal = true;
        bars.ValueLabelStyle.ForeColor = t.Text;
        plot.Axes.Left.SetTicks([.. items.Select((_, i) => (double)(items.Count - 1 - i))], [.. items.Select(item => item.Label)]);
        plot.Axes.Bottom.Label.Text = axisLabel;
        plot.Axes.Margins(left: 0, right: 0.15, bottom: 0.03, top: 0.03);
    }

    /// <summary>A date axis labelled yyyy-MM-dd, which reads the same everywhere.</summary>
    private static void IsoDates(Plot plot)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
        {
            automatic.LabelFormatter = d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A date as ScottPlot's date axis wants it (an OLE automation date).</summary>
    private static double Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();
}

/// <summary>The JSON of what each chart shows, generated at build time: what a chart's key hashes.</summary>
[JsonSerializable(typeof(IReadOnlyList<TopScorer>))]
[JsonSerializable(typeof(TeamGames))]
[JsonSerializable(typeof(PlayerGames))]
[JsonSerializable(typeof(IReadOnlyList<RejectCount>))]
internal sealed partial class ChartJson : JsonSerializerContext;
