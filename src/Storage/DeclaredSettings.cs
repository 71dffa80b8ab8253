using System.Collections;
using System.Globalization;
using System.Reflection;

namespace NbaLake.Storage;

/// <summary>
/// Reads what the options types declare about their settings (<see cref="ShapesAttribute"/>) and derives from it
/// the only two things a setting's effect on "up to date" is written as: the fingerprint a table records in its
/// inputs (the runner skips a step whose tables record the current one) and the key of a cached part. Nothing else
/// lists which setting shapes which table.
/// </summary>
public static class DeclaredSettings
{
    /// <summary>
    /// The settings of <paramref name="options"/> that declare what they shape, with their current values, keyed below
    /// <paramref name="section"/> (<c>Publish</c> → <c>Publish:StretchGames</c>); options objects it holds are walked
    /// too (<c>Sources:Games:DateFormats</c>).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Aot.OwnTypes)]
    public static IReadOnlyList<SettingValue> Of(object options, string section)
    {
        var found = new List<SettingValue>();
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var key = $"{section}:{property.Name}";
            if (property.GetCustomAttribute<ShapesAttribute>() is { } shapes)
            {
                found.Add(new SettingValue(key, Text(property.GetValue(options)), shapes.Tables, shapes.Parts ?? shapes.Tables));
            }
            else if (property.PropertyType.IsClass && property.PropertyType.Namespace?.StartsWith("NbaLake", StringComparison.Ordinal) == true
                && property.GetValue(options) is { } nested)
            {
                found.AddRange(Of(nested, key));
            }
        }
        return found;
    }

    /// <summary>
    /// What <paramref name="table"/> records as its settings: <c>key=value</c> of every setting that shapes its rows or
    /// the rows of a table of its step it is built from (transitively), by key, joined by <c>;</c>. Empty when none does.
    /// </summary>
    public static string Fingerprint(IEnumerable<SettingValue> settings, TableDefinition table, IReadOnlyList<TableDefinition> step)
    {
        var byTable = step.ToDictionary(t => t.Table);
        var from = new HashSet<TableId>();
        var pending = new Stack<TableId>([table.Table]);
        while (pending.TryPop(out var next))
        {
            if (from.Add(next) && byTable.TryGetValue(next, out var definition))
            {
                foreach (var upstream in definition.Upstream.Where(byTable.ContainsKey))
                {
                    pending.Push(upstream);
                }
            }
        }
        return Join(settings.Where(s => from.Any(s.ShapesRowsOf)));
    }

    /// <summary>The settings that shape the cached parts of any of <paramref name="tables"/>, as <see cref="Fingerprint"/> writes them.</summary>
    public static string PartsFingerprint(IEnumerable<SettingValue> settings, IEnumerable<TableId> tables)
    {
        var parts = tables.ToList();
        return Join(settings.Where(s => parts.Any(s.ShapesPartsOf)));
    }

    private static string Join(IEnumerable<SettingValue> settings) =>
        string.Join(";", settings.DistinctBy(s => s.Key).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.ToString()));

    /// <summary>A value as invariant text; a list as its items joined by <c>|</c>.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable items => string.Join('|', items.Cast<object?>().Select(Text)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
