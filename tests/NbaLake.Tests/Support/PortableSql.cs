using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NbaLake.Tests.Support;

/// <summary>
/// The portability check of <c>sql/README.md</c>: the syntax half parses SQL with dt-sql-parser's Spark SQL and Trino
/// grammars (<c>tests/sql-parse/parse.mjs</c>, run by Node.js); the function half finds every function called and every
/// construct the parsers let through that is not in the common ground (the allow-list is the README's table); and the
/// shims DuckDB needs to run the portable SQL.
/// </summary>
public static partial class PortableSql
{
    /// <summary>
    /// What DuckDB needs to run the portable SQL (sql/README.md, Shims): a macro per portable function it lacks or names
    /// otherwise. Spark SQL and Trino need none.
    /// </summary>
    public static readonly string[] DuckDbShims =
    [
        // Spark SQL (3.2+) and Trino: regexp_like(s, p) is true when p matches anywhere in s; so is DuckDB's regexp_matches.
        "CREATE OR REPLACE MACRO regexp_like(s, p) AS regexp_matches(s, p)",
    ];

    /// <summary>Makes <paramref name="duck"/> run the portable SQL of <c>sql/</c>.</summary>
    public static void AddDuckDbShims(Duck duck)
    {
        foreach (var shim in DuckDbShims)
        {
            duck.Execute(shim);
        }
    }

    /// <summary>Every SQL file below <c>sql/</c>, relative to the repository root with '/' separators, in ordinal order.</summary>
    public static IReadOnlyList<string> Files { get; } = [.. Directory
        .EnumerateFiles(Path.Combine(Repo.Root, "sql"), "*.sql", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];

    /// <summary>The functions of the common dialect: the first column of the table under "## Allowed functions" in sql/README.md.</summary>
    public static IReadOnlySet<string> AllowedFunctions { get; } = ReadAllowedFunctions();

    /// <summary>A syntax error one grammar found: the file as given, the dialect (spark or trino), its place and the parser's message.</summary>
    public sealed record ParseError(string File, string Dialect, int Line, int Column, string Message)
    {
        public override string ToString() => $"{File}:{Line}:{Column}: {Dialect}: {Message}";
    }

    /// <summary>Parses <paramref name="files"/> (paths relative to the repository root, or absolute) as Spark SQL and as Trino.</summary>
    public static async Task<List<ParseError>> ParseAsync(IEnumerable<string> files)
    {
        var folder = Path.Combine(Repo.Root, "tests", "sql-parse");
        Assert.True(File.Exists(Path.Combine(folder, "node_modules", "dt-sql-parser", "package.json")),
            "dt-sql-parser is not installed: run 'npm ci' in tests/sql-parse (scripts/test does it when it is missing).");

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        foreach (var arg in (string[])[Path.Combine(folder, "parse.mjs"), "--json", .. files])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = StartNode(start);
        var ct = TestContext.Current.CancellationToken;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).WaitAsync(Timeouts.Child, ct);
            var (stdout, stderr) = (await output, await errors);
            Assert.True(process.ExitCode is 0 or 1, $"node tests/sql-parse/parse.mjs failed (exit {process.ExitCode}): {stderr}");
            var found = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<ParseError>(line, JsonOptions)!)
                .ToList();
            Assert.True((found.Count > 0) == (process.ExitCode == 1), $"parse.mjs exited {process.ExitCode} with {found.Count} error(s): {stderr}");
            return found;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>
    /// What in <paramref name="sql"/> is outside the common dialect although the parsers accept it, one line each
    /// (<c>line N: …</c>): a function not on the allow-list, GROUP BY ALL or ORDER BY ALL, a quoted identifier, a
    /// backslash in a string literal.
    /// </summary>
    public static List<string> NonPortable(string sql)
    {
        var (code, findings) = Blank(sql);
        foreach (Match call in Call().Matches(code))
        {
            var name = call.Groups["name"].Value;
            var before = PreviousWord().Match(code[..call.Index]);
            if (SyntaxWords.Contains(name) || (before.Success && before.Value.TrimEnd().Equals("AS", StringComparison.OrdinalIgnoreCase)))
            {
                continue; // a keyword before a parenthesis, a type (CAST(x AS VARCHAR(20))) or a CTE's column list
            }
            if (!AllowedFunctions.Contains(name))
            {
                findings.Add((call.Index, $"function {name}() is not on the allow-list of sql/README.md (functions that mean the same in DuckDB, Spark SQL and Trino)"));
            }
        }
        foreach (Match all in ByAll().Matches(code))
        {
            findings.Add((all.Index, $"{all.Value}: DuckDB's (Trino has neither GROUP BY ALL nor ORDER BY ALL); name the columns"));
        }
        return [.. findings.OrderBy(f => f.Index).Select(f => $"line {LineOf(sql, f.Index)}: {f.Message}")];
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Words a parenthesis may follow that are not function calls.</summary>
    private static readonly HashSet<string> SyntaxWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "and", "any", "as", "between", "by", "case", "cube", "distinct", "else", "except", "exists", "filter",
        "from", "having", "in", "intersect", "is", "join", "lateral", "limit", "not", "on", "or", "over", "rollup",
        "select", "sets", "some", "then", "union", "using", "values", "when", "where", "window", "with",
    };

    [GeneratedRegex(@"\b(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*\s*$")]
    private static partial Regex PreviousWord();

    [GeneratedRegex("`(?<name>[A-Za-z_0-9]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(GROUP|ORDER)\s+BY\s+ALL\b", RegexOptions.IgnoreCase)]
    private static partial Regex ByAll();

    /// <summary>
    /// <paramref name="sql"/> with comments and string literals turned into spaces (line breaks kept, so positions stay),
    /// and the findings of the lexing itself: quoted identifiers, backslashes in literals.
    /// </summary>
    private static (string Code, List<(int Index, string Message)> Findings) Blank(string sql)
    {
        var code = new StringBuilder(sql);
        var findings = new List<(int, string)>();
        for (var i = 0; i < sql.Length; i++)
        {
            var end = sql[i] switch
            {
                '-' when At(sql, i, "--") => IndexOrEnd(sql, "\n", i),
                '/' when At(sql, i, "/*") => IndexOrEnd(sql, "*/", i + 2) + 2,
                '\'' => EndOfLiteral(sql, i),
                '"' or '`' => sql.IndexOf(sql[i], i + 1) is var close and >= 0 ? close + 1 : sql.Length,
                _ => -1,
            };
            if (end < 0)
            {
                continue;
            }
            end = Math.Min(end, sql.Length);
            if (sql[i] == '"')
            {
                findings.Add((i, "a \"quoted\" identifier: Spark SQL reads \"…\" as a string; use a name that needs no quotes"));
            }
            else if (sql[i] == '`')
            {
                findings.Add((i, "a `quoted` identifier: only Spark SQL reads backticks; use a name that needs no quotes"));
            }
            else if (sql[i] == '\'' && sql.AsSpan(i, end - i).Contains('\\'))
            {
                findings.Add((i, "a backslash in a string literal: Spark SQL reads it as an escape, DuckDB and Trino as a backslash"));
            }
            for (var j = i; j < end; j++)
            {
                if (code[j] != '\n')
                {
                    code[j] = ' ';
                }
            }
            i = end - 1;
        }
        return (code.ToString(), findings);
    }

    private static bool At(string text, int index, string what) => string.CompareOrdinal(text, index, what, 0, what.Length) == 0;

    private static int IndexOrEnd(string text, string what, int from) => text.IndexOf(what, from, StringComparison.Ordinal) is var at and >= 0 ? at : text.Length;

    /// <summary>The index after the literal that starts at <paramref name="start"/> ('it''s' is one literal).</summary>
    private static int EndOfLiteral(string sql, int start)
    {
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] == '\'')
            {
                if (i + 1 < sql.Length && sql[i + 1] == '\'')
                {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        return sql.Length;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static HashSet<string> ReadAllowedFunctions()
    {
        var readme = File.ReadAllLines(Path.Combine(Repo.Root, "sql", "README.md"));
        var section = readme.SkipWhile(l => l.Trim() != "## Allowed functions").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        var names = section
            .Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal))
            .Select(l => l.Split('|')[1])
            .SelectMany(cell => Quoted().Matches(cell).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(names.Count > 0, "sql/README.md has no '## Allowed functions' table with `function` names in its first column");
        return names;
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The portability test needs Node.js ('node' on the PATH): scripts/test installs Debian's nodejs when it runs as root.", e);
        }
    }
}
