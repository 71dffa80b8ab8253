using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NbaLake.Activate.Catalog;

/// <summary>
/// Reads the one-line <c>&lt;summary&gt;</c> docs the compiler writes next to each assembly (<c>NbaLake.*.xml</c>):
/// the catalog's descriptions are the code's own docs, not a second copy.
/// </summary>
public static partial class XmlDocs
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Files = new();

    /// <summary>The summary of a type, or null when it has none (or the docs file is missing).</summary>
    public static string? Summary(Type type) => Of(type.Assembly).GetValueOrDefault($"T:{Name(type)}");

    /// <summary>The summary of a property, or null when it has none.</summary>
    public static string? Summary(PropertyInfo property) =>
        Of(property.DeclaringType!.Assembly).GetValueOrDefault($"P:{Name(property.DeclaringType!)}.{property.Name}");

    private static string Name(Type type) => type.FullName!.Replace('+', '.');

    private static IReadOnlyDictionary<string, string> Of(Assembly assembly) => Files.GetOrAdd(assembly, a =>
    {
        // Beside the executable, where the build copies every assembly's docs: a job compiled ahead of time has no assembly files.
        var path = Path.Combine(AppContext.BaseDirectory, a.GetName().Name + ".xml");
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }
        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => Text(m.Element("summary")!), StringComparer.Ordinal);
    });

    /// <summary>The summary as plain text: <c>&lt;c&gt;x&lt;/c&gt;</c> is x, a cref is its last name part, white space collapsed.</summary>
    private static string Text(XElement summary)
    {
        var text = string.Concat(summary.Nodes().Select(Plain));
        return Spaces().Replace(text, " ").Trim();
    }

    private static string Plain(XNode node) => node switch
    {
        XText t => t.Value,
        XElement { Name.LocalName: "see" or "seealso" } e => ((string?)e.Attribute("cref") ?? (string?)e.Attribute("langword") ?? "").Split('.')[^1],
        XElement { Name.LocalName: "paramref" or "typeparamref" } e => (string?)e.Attribute("name") ?? "",
        XElement e => string.Concat(e.Nodes().Select(Plain)),
        _ => "",
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
