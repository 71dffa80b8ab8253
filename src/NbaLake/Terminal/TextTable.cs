namespace NbaLake.Terminal;

/// <summary>
/// Plain-text columns (<c>status</c>, <c>history</c>): each column as wide as its widest cell, header included, two
/// spaces apart, the <paramref name="right"/>-aligned ones (numbers) padded on the left, no trailing spaces. A cell
/// never pushes the ones after it out from under their header.
/// </summary>
public sealed class TextTable(string[] headers, params int[] right)
{
    private readonly List<string[]> rows = [headers];

    /// <summary>Adds a row: one cell per header.</summary>
    public void Add(params string[] cells) => rows.Add(cells);

    /// <summary>The header line, then one line per row.</summary>
    public IEnumerable<string> Lines()
    {
        var widths = headers.Select((_, i) => rows.Max(r => r[i].Length)).ToArray();
        return rows.Select(r => string.Join("  ", r.Select((c, i) => right.Contains(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
    }
}
