using NbaLake.Ingest;
using NbaLake.Storage;

namespace NbaLake.Transform.Quality;

/// <summary>A quality rule with policy fail was broken: the run stops before silver is committed.</summary>
public sealed class QualityGateException(string message) : Exception(message);

/// <summary>One rule's result over one bucket's rows: what the run's totals and <c>_ops/quality</c> add up.</summary>
public sealed record RuleCount(string Rule, long Checked, long Failing, string? Example);

/// <summary>Applies a table's rules with the configured policies to one bucket's rows.</summary>
public sealed class QualityGate(IReadOnlyDictionary<string, QualityPolicy> policies)
{
    /// <summary>The configured policy of a rule, or its default.</summary>
    public QualityPolicy PolicyOf<T>(QualityRule<T> rule) => policies.TryGetValue(rule.Name, out var p) ? p : rule.DefaultPolicy;

    /// <summary>
    /// Runs the per-row rules on a row just typed: each broken rule is remembered on the row, with the reject it
    /// would make (the raw value is at hand only now).
    /// </summary>
    internal static void CheckRow<T>(IReadOnlyList<QualityRule<T>> rules, SourceDefinition source, T row, RowParser parser)
        where T : SilverRow
    {
        foreach (var rule in rules)
        {
            if (rule.RowCheck?.Invoke(row) is { } problem)
            {
                var column = source.IndexOf(rule.ColumnOf?.Invoke(row) ?? rule.Column.Split(", ")[0]);
                (row.Problems ??= []).Add((rule.Name, parser.NewReject(rule.Name, column, problem, prefixColumn: false)));
            }
        }
    }

    /// <summary>
    /// Checks <paramref name="rows"/> (every rule sees every row); returns the rows that stay in silver, adding the
    /// quarantined ones to <paramref name="rejects"/>, and each rule's count. Whether a fail policy stops the run is
    /// decided over all buckets by the caller.
    /// </summary>
    public (List<T> Kept, List<RuleCount> Counts) Apply<T>(SourceDefinition source, IReadOnlyList<QualityRule<T>> rules, List<T> rows,
        SilverTables tables, List<SilverReject> rejects)
        where T : SilverRow
    {
        var quarantined = new HashSet<int>();
        var counts = new List<RuleCount>(rules.Count);
        // The per-row rules' failures were noted while typing: only the rows that have one are looked at again.
        var withProblems = Enumerable.Range(0, rows.Count).Where(i => rows[i].Problems is not null).ToList();
        foreach (var rule in rules)
        {
            var failing = rule.RowCheck is not null
                ? [.. withProblems.Select(i => (Row: i, Problem: rows[i].Problems!.Find(p => p.Rule == rule.Name).Reject)).Where(x => x.Problem is not null)
                    .Select(x => (x.Row, x.Problem!.Detail, Reject: x.Problem))]
                : rule.GroupCheck!(tables, rows).Select(f => (f.Row, f.Detail, Reject: (SilverReject?)null)).ToList();
            counts.Add(new RuleCount(rule.Name, rows.Count, failing.Count, failing.Count == 0 ? null : failing[0].Detail));
            if (PolicyOf(rule) == QualityPolicy.Quarantine)
            {
                foreach (var (index, detail, reject) in failing.Where(f => quarantined.Add(f.Row)))
                {
                    rejects.Add(reject ?? GroupReject(source, rows[index], rule, detail));
                }
            }
        }
        return (quarantined.Count == 0 ? rows : [.. rows.Where((_, i) => !quarantined.Contains(i))], counts);
    }

    /// <summary>
    /// One <c>_ops/quality</c> row per rule of a table, in the order the rules are declared: the rule's counts over
    /// all buckets and its outcome under its policy (passed, warned, quarantined or failed).
    /// </summary>
    public List<QualityResultRow> Results<T>(string runId, List<RuleCount> counts, TableId table, IReadOnlyList<QualityRule<T>> rules) =>
    [
        .. rules.Select(rule =>
        {
            var count = counts.Find(c => c.Rule == rule.Name) ?? new RuleCount(rule.Name, 0, 0, null);
            var policy = PolicyOf(rule);
            return new QualityResultRow
            {
                RunId = runId, TableName = table.ToString(), Rule = rule.Name, Description = rule.Description, RowsChecked = count.Checked,
                RowsFailing = count.Failing, Policy = policy.ToString().ToLowerInvariant(),
                Outcome = count.Failing == 0 ? "passed" : policy switch { QualityPolicy.Warn => "warned", QualityPolicy.Quarantine => "quarantined", _ => "failed" },
                Example = count.Example,
            };
        }),
    ];

    /// <summary>Stops the run, before silver is committed, when a rule with policy fail failed in any bucket.</summary>
    public static void ThrowIfFailed(IEnumerable<QualityResultRow> results)
    {
        var failed = results.Where(r => r.Outcome == "failed").ToList();
        if (failed.Count > 0)
        {
            throw new QualityGateException(string.Join("; ", failed.Select(r =>
                $"{r.TableName}: rule {r.Rule} ({r.Description}) failed on {r.RowsFailing} of {r.RowsChecked} rows, e.g. {r.Example}")));
        }
    }

    private static SilverReject GroupReject<T>(SourceDefinition source, T row, QualityRule<T> rule, string detail)
        where T : SilverRow => new()
    {
        Source = source.Name,
        BatchId = row.BatchId,
        SourceFile = row.SourceFile,
        SourceLine = row.SourceLine,
        Reason = rule.Name,
        Column = SourceDefinition.BronzeName(rule.Column.Split(", ")[0]),
        Detail = detail,
    };
}
