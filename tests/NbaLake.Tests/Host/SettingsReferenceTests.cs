using System.Reflection;
using NbaLake.Ingest;
using NbaLake.Publish;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

/// <summary>
/// The settings reference of docs/operators.md ("Settings", "Data quality rules") names every setting the job binds,
/// with the default the code declares, and every quality rule with its default policy.
/// </summary>
public class SettingsReferenceTests
{
    [Fact]
    public void Every_setting_is_in_the_operators_reference_with_its_default()
    {
        var rows = TableRows("## Settings");
        var missing = new List<string>();

        void Check(string key, object? value, string? generic = null)
        {
            var row = rows.FirstOrDefault(r => r[0] == $"`{key}`") ?? (generic is null ? null : rows.FirstOrDefault(r => r[0] == $"`{generic}`"));
            var expected = $"`{Literal(value)}`";
            if (row is null)
            {
                missing.Add($"{key}: no row");
            }
            else if (!row[1].StartsWith(expected, StringComparison.Ordinal))
            {
                missing.Add($"{key}: the default is {expected}, the reference says {row[1]}");
            }
        }

        foreach (var (name, value) in Settable(new LakeOptions()))
        {
            Check($"Lake:{name}", value);
        }
        foreach (var (source, options) in Settable(new SourcesOptions()))
        {
            foreach (var (name, value) in Settable(options!))
            {
                Check($"Sources:{source}:{name}", value, generic: $"Sources:<Source>:{name}");
            }
        }
        foreach (var (name, value) in Settable(new PublishOptions()))
        {
            Check($"Publish:{name}", value);
        }
        Assert.Contains(rows, r => r[0] == "`Quality:<rule>`");

        Assert.True(missing.Count == 0, "docs/operators.md, Settings, is not the code's:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_quality_rule_is_in_the_operators_rules_table_with_its_default_policy()
    {
        var rows = TableRows("### Data quality rules");

        var documented = LakeTables.Rules.Select(r => $"{r.Rule.Name}={rows.FirstOrDefault(row => row[0].Contains($"`{r.Rule.Name}`", StringComparison.Ordinal))?[^1]}");

        Assert.Equal(LakeTables.Rules.Select(r => $"{r.Rule.Name}={r.Rule.DefaultPolicy.ToString().ToLowerInvariant()}"), documented);
    }

    /// <summary>The public settable properties of an options record, with the values a new one has.</summary>
    private static IEnumerable<(string Name, object? Value)> Settable(object options) => options.GetType()
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .Select(p => (p.Name, p.GetValue(options)));

    /// <summary>A default as the reference writes it: <c>""</c>, <c>[]</c>, a number, or a word in lower case.</summary>
    private static string Literal(object? value) => value switch
    {
        "" => "\"\"",
        string s => s,
        System.Collections.IEnumerable list when !list.Cast<object>().Any() => "[]",
        Enum e => e.ToString().ToLowerInvariant(),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The cells of every row of the first table below <paramref name="heading"/> in docs/operators.md, header excluded.</summary>
    private static List<string[]> TableRows(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "docs", "operators.md"));
        var rows = lines
            .SkipWhile(l => l.Trim() != heading).Skip(1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Skip(2) // the header and its |---| line
            .Select(l => l.Replace("\\|", "\u0001", StringComparison.Ordinal).Trim('|').Split('|')
                .Select(c => c.Replace('\u0001', '|').Trim()).ToArray())
            .ToList();
        Assert.True(rows.Count > 0, $"docs/operators.md has no table below '{heading}'");
        return rows;
    }
}
