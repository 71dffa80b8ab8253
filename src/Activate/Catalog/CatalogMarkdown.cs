using System.Globalization;
using System.Text;

namespace NbaLake.Activate.Catalog;

/// <summary>The catalog as Markdown (<c>lake/CATALOG.md</c>, <c>nbalake catalog</c>): a flow diagram, an index, then one section per table.</summary>
public static class CatalogMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The whole catalog, or one table's section when <paramref name="only"/> is given.</summary>
    public static string Render(LakeCatalog catalog, CatalogTable? only = null)
    {
        var md = new StringBuilder();
        if (only is not null)
        {
            Section(md, only, catalog.GeneratedAt);
            return md.ToString();
        }
        md.AppendLine("# Lake catalog").AppendLine()
          .AppendLine(Inv, $"Generated {catalog.GeneratedAt:yyyy-MM-dd HH:mm:ss} UTC from the tables' definitions in code and their commit logs; regenerated on every run. Machine-readable: `catalog.json`. Paths are relative to the lake root; read a table with `read_parquet('<path>**/*.parquet')`.")
          .AppendLine()
          .AppendLine("## Data flow").AppendLine()
          .AppendLine("```mermaid").Append(Mermaid(catalog)).AppendLine("```").AppendLine()
          .AppendLine("## Tables").AppendLine()
          .AppendLine("| table | grain | rows | version | last commit | data through |")
          .AppendLine("|---|---|---:|---:|---|---|");
        foreach (var t in catalog.Tables)
        {
            md.AppendLine(Inv, $"| [{t.Name}](#{Anchor(t.Name)}) | {t.Grain} | {t.Rows:N0} | {Version(t)} | {Commit(t, catalog.GeneratedAt)} | {t.Freshness.DataThrough?.ToString("yyyy-MM-dd", Inv) ?? "—"} |");
        }
        md.AppendLine();
        foreach (var t in catalog.Tables)
        {
            Section(md, t, catalog.GeneratedAt);
        }
        return md.ToString();
    }

    /// <summary>A Mermaid flowchart landing → bronze → silver → gold (and the ops tables), from the declared upstreams.</summary>
    public static string Mermaid(LakeCatalog catalog)
    {
        var md = new StringBuilder("flowchart LR\n");
        var landing = catalog.Tables.SelectMany(t => t.Upstream).Where(u => u.StartsWith("landing.", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal);
        md.AppendLine("  subgraph landing");
        foreach (var source in landing)
        {
            md.AppendLine(Inv, $"    {Node(source)}[\"{source["landing.".Length..]}*.csv\"]");
        }
        md.AppendLine("  end");
        foreach (var layer in catalog.Tables.GroupBy(t => t.Layer))
        {
            md.AppendLine(Inv, $"  subgraph {layer.Key.TrimStart('_')}[\"{layer.Key}\"]");
            foreach (var t in layer)
            {
                md.AppendLine(Inv, $"    {Node(t.Name)}[\"{t.Table}\"]");
            }
            md.AppendLine("  end");
        }
        foreach (var t in catalog.Tables)
        {
            foreach (var up in t.Upstream)
            {
                md.AppendLine(Inv, $"  {Node(up)} --> {Node(t.Name)}");
            }
        }
        return md.ToString();
    }

    private static void Section(StringBuilder md, CatalogTable t, DateTimeOffset now)
    {
        md.AppendLine(Inv, $"## {t.Name}").AppendLine()
          .AppendLine(t.Description).AppendLine()
          .AppendLine(Inv, $"- **Path:** `{t.Path}`{(t.PartitionBy is null ? "" : $", partitioned Hive-style by `{t.PartitionBy}`")}")
          .AppendLine(Inv, $"- **Grain:** {t.Grain}; **key:** {string.Join(", ", t.Key.Select(k => $"`{k}`"))}")
          .AppendLine(Inv, $"- **Upstream:** {(t.Upstream.Count == 0 ? "the job itself" : string.Join(", ", t.Upstream.Select(u => t.UpstreamVersions.TryGetValue(u, out var v) ? $"`{u}` (v{v})" : $"`{u}`")))}")
          .AppendLine(Inv, $"- **Rows:** {t.Rows:N0}; **version:** {Version(t)}; **last commit:** {Commit(t, now)}")
          .AppendLine(Inv, $"- **Data through:** {t.Freshness.DataThrough?.ToString("yyyy-MM-dd", Inv) ?? "— (no date column, or no rows)"}");
        if (t.SourceFiles.Count > 0)
        {
            md.AppendLine(Inv, $"- **Source files:** {string.Join(", ", t.SourceFiles.Select(f => $"`{f.File}` (sha256 {f.Sha256[..12]}…, batch {f.Batch})"))}");
        }
        md.AppendLine().AppendLine("| column | type | description | attributes |").AppendLine("|---|---|---|---|");
        foreach (var c in t.Columns)
        {
            md.AppendLine(Inv, $"| `{c.Name}` | {c.Type}{(c.Nullable ? "" : " not null")} | {Cell(c.Description ?? "**undocumented**")} | {Cell(Attributes(c))} |");
        }
        md.AppendLine();
    }

    private static string Attributes(CatalogColumn c) => string.Join("; ", new[]
    {
        c.Key ? "key" : null,
        c.PersonalData ? "personal data" : null,
        c.QualityRules.Count > 0 ? "quality: " + string.Join(", ", c.QualityRules) : null,
    }.Where(a => a is not null));

    private static string Version(CatalogTable t) => t.Version is { } v ? $"v{v}" : "not written yet";

    private static string Commit(CatalogTable t, DateTimeOffset now) => t.LastCommit is { } c
        ? string.Create(Inv, $"{c.CommittedAt:yyyy-MM-dd HH:mm} UTC ({Age(now - c.CommittedAt)} ago, {c.Operation}, run {c.RunId})")
        : "—";

    private static string Age(TimeSpan age) => age.TotalMinutes < 1 ? "under a minute"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
        : age.TotalDays < 2 ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} days";

    /// <summary>A Mermaid node id: letters, digits and underscores, not starting with one (<c>_ops.quality</c> → <c>ops_quality</c>).</summary>
    private static string Node(string name) => name.Replace('.', '_').TrimStart('_');

    private static string Anchor(string name) => name.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
