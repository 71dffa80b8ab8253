using System.Globalization;
using System.Net;
using System.Text;
using NbaLake.Publish;

namespace NbaLake.Activate.Report;

/// <summary>
/// The report as one self-contained HTML file: no script, no external resource (a Content-Security-Policy says so),
/// charts as SVG data URIs in a light and a dark version, a layout that fits a phone.
/// </summary>
public static class ReportPage
{
    /// <summary>Where the report goes, relative to the lake root.</summary>
    public static readonly string RelativePath = Path.Combine("reports", "index.html");

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Writes the report in place of the one there, carrying over each chart whose key is in that page (the same data
    /// drawn by the same build: the same SVG) and drawing the others. Returns the path and the charts drawn and carried.
    /// </summary>
    public static (string Path, int Drawn, int Carried) Write(ReportData data, string lakeRoot)
    {
        var path = Path.Combine(lakeRoot, RelativePath);
        var before = File.Exists(path) ? File.ReadAllText(path) : "";
        var (page, drawn, carried) = Build(data, before);
        AtomicFile.Replace(path, page);
        return (path, drawn, carried);
    }

    /// <summary>The page, its charts carried over from <paramref name="before"/> (the page it replaces) where their key is there.</summary>
    public static (string Html, int Drawn, int Carried) Render(ReportData data, string before)
    {
        var (page, drawn, carried) = Build(data, before);
        return (page.ToString(), drawn, carried);
    }

    /// <summary>
    /// The page in a builder (its chunks are small: a page of megabytes never becomes one large string), each carried
    /// figure a slice of <paramref name="before"/>.
    /// </summary>
    private static (StringBuilder Page, int Drawn, int Carried) Build(ReportData data, string before)
    {
        var drawings = Charts.Drawings(data);
        var figures = drawings.Select(d => Carried(before, d)).ToArray();
        var drawn = Charts.Draw([.. drawings.Where((_, i) => figures[i] is null)]);
        var next = 0;
        for (var i = 0; i < figures.Length; i++)
        {
            figures[i] ??= Figure(drawn[next++]).AsMemory();
        }
        return (Page(data, [.. drawings.Select((d, i) => (d.Id, figures[i]!.Value))]), drawn.Count, figures.Length - drawn.Count);
    }

    /// <summary>The figure of <paramref name="drawing"/> in a page written before, if it has the drawing's key: its text as it is there.</summary>
    private static ReadOnlyMemory<char>? Carried(string before, Drawing drawing)
    {
        var start = before.IndexOf(FigureStart(drawing), StringComparison.Ordinal);
        var end = start < 0 ? -1 : before.IndexOf(FigureEnd, start, StringComparison.Ordinal);
        if (end < 0)
        {
            return null; // (not in a conditional expression: there null would become an empty ReadOnlyMemory)
        }
        return before.AsMemory(start, end + FigureEnd.Length - start);
    }

    private static string FigureStart(Drawing drawing) => $"""<figure id="chart-{drawing.Id}" data-key="{drawing.Key}">""";

    private const string FigureEnd = "</figure>";

    private static StringBuilder Page(ReportData data, List<(string Id, ReadOnlyMemory<char> Figure)> figures)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <meta name="color-scheme" content="light dark">
            <title>NbaLake report</title>
            <style>{Css}</style>
            </head>
            <body>
            <header>
            <h1>NbaLake report</h1>
            <p class="meta">Generated {data.GeneratedAt:yyyy-MM-dd HH:mm} UTC by run <code>{Html(data.RunId)}</code>. Settings: stretch of {data.Options.StretchGames} games, streak threshold {data.Options.StreakThreshold} points, streak player {Html(data.Options.StreakPlayer)}, season types {Html(data.Options.SeasonTypes.Count == 0 ? "all" : string.Join(", ", data.Options.SeasonTypes))}.</p>
            <nav><a href="#answers">Answers</a> · <a href="#charts">Charts</a> · <a href="#quality">Data quality</a> · <a href="#versions">Table versions</a></nav>
            </header>
            <main>
            """);
        Answers(html, data);
        html.AppendLine("""<section id="charts"><h2>Charts</h2>""");
        WinsGrid(html, data.TeamSeasons);
        foreach (var (_, figure) in figures.Where(f => f.Id != "rejects"))
        {
            html.Append(figure).AppendLine();
        }
        if (data.Stretch is null)
        {
            html.AppendLine(Inv, $"""<p class="note">No team has {data.Options.StretchGames} games yet: no best-stretch chart.</p>""");
        }
        if (data.Streak is null)
        {
            html.AppendLine(Inv, $"""<p class="note">No player named {Html(data.Options.StreakPlayer)} in silver: no streak chart.</p>""");
        }
        html.AppendLine("</section>");
        Quality(html, data, figures.Where(f => f.Id == "rejects").Select(f => (ReadOnlyMemory<char>?)f.Figure).FirstOrDefault());
        Versions(html, data);
        html.AppendLine("</main>\n</body>\n</html>");
        return html;
    }

    /// <summary>
    /// Wins per team per season as a table of coloured cells (viridis, by the share of the most wins in the grid): text a
    /// reader can select and a screen reader can read, which scrolls sideways on its own on a phone. A row per team id,
    /// named by its abbreviation in its latest season shown (each cell's title names the season's).
    /// </summary>
    private static void WinsGrid(StringBuilder html, IReadOnlyList<TeamSeason> cells)
    {
        if (cells.Count == 0)
        {
            return;
        }
        var teams = cells.GroupBy(s => s.TeamId).Select(g => (Id: g.Key, Name: g.MaxBy(s => s.Season)!.Team))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();
        var seasons = cells.Select(s => s.Season).Distinct().Order().ToList();
        var byCell = cells.ToDictionary(s => (s.TeamId, s.Season));
        var most = Math.Max(1, cells.Max(s => s.Wins));
        html.AppendLine(Inv, $"""
            <figure id="chart-wins">
            <figcaption><strong>Wins per team per season</strong> Distinct games won by each team in each season (counted season types): the last {ReportDataBuilder.GridSeasons} seasons, the {ReportDataBuilder.GridTeams} teams with the most wins in them. Empty cells: the team played no game that season.</figcaption>
            <div class="scroll"><table class="grid"><thead><tr><th>team</th>{string.Concat(seasons.Select(s => $"<th><span>{NbaLake.Publish.Answers.SeasonLabel(s)}</span></th>"))}</tr></thead><tbody>
            """);
        foreach (var team in teams)
        {
            html.Append(Inv, $"<tr><th>{Html(team.Name)}</th>");
            foreach (var season in seasons)
            {
                if (byCell.TryGetValue((team.Id, season), out var cell))
                {
                    var (background, darkText) = Charts.Cell((double)cell.Wins / most);
                    html.Append(Inv, $"""<td style="background:{background};color:{(darkText ? "#000" : "#fff")}" title="{Html(cell.Team)} {NbaLake.Publish.Answers.SeasonLabel(season)}: {cell.Wins} of {cell.Games} games won">{cell.Wins}</td>""");
                }
                else
                {
                    html.Append("<td></td>");
                }
            }
            html.AppendLine("</tr>");
        }
        html.AppendLine("</tbody></table></div>\n</figure>");
    }

    private static void Answers(StringBuilder html, ReportData data)
    {
        html.AppendLine("""<section id="answers"><h2>The answers</h2><ol class="answers">""");
        foreach (var a in data.Answers.OrderBy(a => a.QuestionId, StringComparer.Ordinal))
        {
            var table = $"gold.{a.SourceTable}";
            var version = data.Versions.FirstOrDefault(v => v.Table == table)?.Version;
            html.AppendLine(Inv, $"""
                <li><p class="question">{Html(a.Question)}</p><p class="answer">{Html(a.Answer)}</p>
                <p class="source">From <code>{Html(table)}</code>{(version is null ? "" : $" v{version}")} (SQL twin: <code>sql/gold/{Html(a.SourceTable)}.sql</code>), via <code>gold.answers</code> row <code>{Html(a.QuestionId)}</code>.</p></li>
                """);
        }
        html.AppendLine("</ol></section>");
    }

    private static string Figure(Chart chart) => string.Create(Inv, $"""
        {FigureStart(chart.Drawing)}
        <figcaption><strong>{Html(chart.Drawing.Title)}</strong> {Html(chart.Drawing.Caption)}</figcaption>
        <picture>
        <source media="(max-width: 600px) and (prefers-color-scheme: dark)" srcset="{DataUri(chart.Narrow.Dark)}">
        <source media="(max-width: 600px)" srcset="{DataUri(chart.Narrow.Light)}">
        <source media="(prefers-color-scheme: dark)" srcset="{DataUri(chart.Wide.Dark)}">
        <img class="chart" data-chart="{chart.Drawing.Id}" alt="{Html(chart.Drawing.Title)}" src="{DataUri(chart.Wide.Light)}">
        </picture>
        {FigureEnd}
        """);

    private static void Quality(StringBuilder html, ReportData data, ReadOnlyMemory<char>? rejects)
    {
        html.AppendLine("""<section id="quality"><h2>Data quality</h2>""");
        if (data.Quality.Count == 0)
        {
            html.AppendLine("""<p class="note">No quality results yet: the rules run when silver is rebuilt.</p>""");
        }
        else
        {
            var broken = data.Quality.Count(q => q.Outcome != "passed");
            html.AppendLine(Inv, $"""<p>{data.Quality.Count} rules checked in run <code>{Html(data.Quality[0].RunId)}</code>: {data.Quality.Count - broken} passed, {broken} broken.</p>""");
            html.AppendLine("""<div class="scroll"><table><thead><tr><th>table</th><th>rule</th><th>expects</th><th>policy</th><th>outcome</th><th class="num">failing / checked</th><th>example</th></tr></thead><tbody>""");
            foreach (var q in data.Quality)
            {
                html.AppendLine(Inv, $"""<tr class="{Html(q.Outcome)}"><td data-label="table">{Html(q.TableName)}</td><td data-label="rule"><code>{Html(q.Rule)}</code></td><td data-label="expects">{Html(q.Description)}</td><td data-label="policy">{Html(q.Policy)}</td><td data-label="outcome"><span class="badge">{Html(q.Outcome)}</span></td><td data-label="failing / checked" class="num">{q.RowsFailing:N0} / {q.RowsChecked:N0}</td><td data-label="example">{Html(q.Example ?? "")}</td></tr>""");
            }
            html.AppendLine("</tbody></table></div>");
        }
        if (rejects is null)
        {
            html.AppendLine("""<p class="note">No rejected rows: every landed record reached silver (or was a duplicate).</p>""");
        }
        else
        {
            html.Append(rejects.Value).AppendLine();
        }
        html.AppendLine("</section>");
    }

    private static void Versions(StringBuilder html, ReportData data)
    {
        html.AppendLine("""<section id="versions"><h2>Table versions</h2><div class="scroll"><table><thead><tr><th>table</th><th class="num">version</th><th class="num">rows</th><th class="num">files</th><th>committed (UTC)</th><th>operation</th></tr></thead><tbody>""");
        foreach (var v in data.Versions)
        {
            html.AppendLine(Inv, $"""<tr><td data-label="table"><code>{Html(v.Table)}</code></td><td data-label="version" class="num">v{v.Version}</td><td data-label="rows" class="num">{v.Rows:N0}</td><td data-label="files" class="num">{v.FileCount}</td><td data-label="committed (UTC)">{v.CommittedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}</td><td data-label="operation">{Html(v.Operation)}</td></tr>""");
        }
        html.AppendLine("""</tbody></table></div><p class="note">The catalog (<code>CATALOG.md</code>, <code>catalog.json</code> at the lake root) describes every table and column.</p></section>""");
    }

    private static string DataUri(string svg) => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));

    /// <summary>Text made safe inside HTML (escaped).</summary>
    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        :root { --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa; --accent: #1f6feb; --warn: #9a6700; --bad: #cf222e; --ok: #1a7f37; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #8b949e; --line: #30363d; --card: #161b22; --accent: #58a6ff; --warn: #d29922; --bad: #f85149; --ok: #3fb950; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        header, main { max-width: 960px; margin: 0 auto; padding: 0 16px; }
        header { padding-top: 24px; }
        h1 { margin: 0 0 4px; font-size: 1.8rem; }
        h2 { margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); font-size: 1.35rem; }
        a { color: var(--accent); }
        code { font: 0.9em ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
        .meta, .note, .source, figcaption { color: var(--muted); font-size: 0.92rem; }
        .answers { padding-left: 1.4em; }
        .answers li { margin-bottom: 14px; padding: 10px 14px; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
        .answers p { margin: 2px 0; }
        .question { font-weight: 600; }
        .answer { font-size: 1.08rem; }
        figure { margin: 0 0 28px; }
        figcaption { margin-bottom: 6px; }
        figcaption strong { color: var(--fg); display: block; font-size: 1rem; }
        img.chart { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 8px; }
        .scroll { overflow-x: auto; }
        table.grid { width: auto; min-width: 0; border-collapse: separate; border-spacing: 2px; font-size: 0.78rem; }
        table.grid th, table.grid td { padding: 2px 4px; border: 0; text-align: center; white-space: nowrap; }
        table.grid td { min-width: 2.2em; font-variant-numeric: tabular-nums; }
        table.grid tbody th { text-align: left; }
        table.grid thead th { vertical-align: bottom; font-weight: 600; }
        table.grid thead th span { writing-mode: vertical-rl; transform: rotate(180deg); }
        table { border-collapse: collapse; width: 100%; min-width: 640px; font-size: 0.9rem; }
        td code { white-space: nowrap; overflow-wrap: normal; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { white-space: nowrap; }
        .num { text-align: right; white-space: nowrap; }
        .badge { padding: 1px 8px; border-radius: 10px; border: 1px solid currentColor; font-size: 0.8rem; white-space: nowrap; }
        tr.passed .badge { color: var(--ok); }
        tr.warned .badge { color: var(--warn); }
        tr.quarantined .badge, tr.failed .badge { color: var(--bad); }
        @media (max-width: 600px) {
          body { font-size: 15px; } h1 { font-size: 1.5rem; }
          /* On a phone each table row becomes a small card of "label: value" lines (the wins grid scrolls sideways instead). */
          table:not(.grid) { min-width: 0; } table:not(.grid) thead { display: none; }
          table:not(.grid), table:not(.grid) tbody, table:not(.grid) tr, table:not(.grid) td { display: block; width: 100%; }
          table:not(.grid) tr { padding: 6px 0; border-bottom: 1px solid var(--line); }
          table:not(.grid) td { border: 0; padding: 1px 0; text-align: left; white-space: normal; }
          table:not(.grid) td.num { text-align: left; }
          table:not(.grid) td::before { content: attr(data-label) ": "; color: var(--muted); }
          table:not(.grid) td:empty { display: none; }
        }
        """;
}
