using NbaLake.Ingest;

namespace NbaLake.Transform.Quality;

/// <summary>A quality rule with policy fail was broken: the run stops before silver is committed.</summary>
public sealed class QualityGateException(string message) : Exception(message);

/// <summary>Applies the rules of the silver tables with the configured policies and collects their results.</summary>
public sealed class QualityGate(IReadOnlyDictionary<string, QualityPolicy> policies, string runId)
{
    /// <summary>The rule results of this run, in the order checked.</summary>
    public List<QualityResultRow> Results { get; } = [];

    /// <summary>
    /// Checks <paramref name="rows"/>; returns the rows that stay in silver, adding the quarantined ones to
    /// <paramref name="rejects"/>. Throws <see cref="QualityGateException"/> after the last rule if one with
    /// policy fail was broken.
    /// </summary>
    public List<T> Apply<T>(string table, SourceDefinition source, IReadOnlyList<QualityRule<T>> rules, List<T> rows, SilverTables tables,
        Func<T, BronzeRow?> lineage, List<SilverReject> rejects)
    {
        var quarantined = new HashSet<int>();
        foreach (var rule in rules)
        {
            var failing = rule.Check(tables, rows).ToList();
            var policy = PolicyOf(rule);
            var outcome = failing.Count == 0 ? "passed" : policy switch
            {
                QualityPolicy.Warn => "warned",
                QualityPolicy.Quarantine => "quarantined",
                _ => "failed",
            };
            Results.Add(new QualityResultRow
            {
                RunId = runId, TableName = table, Rule = rule.Name, Description = rule.Description, RowsChecked = rows.Count,
                RowsFailing = failing.Count, Policy = policy.ToString().ToLowerInvariant(), Outcome = outcome,
                Example = failing.Count == 0 ? null : failing[0].Detail,
            });
            if (policy == QualityPolicy.Quarantine)
            {
                foreach (var (index, detail) in failing.Where(f => quarantined.Add(f.Row)))
                {
                    rejects.Add(Reject(source, lineage(rows[index]), rule, detail));
                }
            }
        }
        var failed = Results.Where(r => r.Outcome == "failed").ToList();
        if (failed.Count > 0)
        {
            throw new QualityGateException(string.Join("; ", failed.Select(r =>
                $"{r.TableName}: rule {r.Rule} ({r.Description}) failed on {r.RowsFailing} of {r.RowsChecked} rows, e.g. {r.Example}")));
        }
        return [.. rows.Where((_, i) => !quarantined.Contains(i))];
    }

    /// <summary>The configured policy of a rule, or its default.</summary>
    public QualityPolicy PolicyOf<T>(QualityRule<T> rule) => policies.TryGetValue(rule.Name, out var p) ? p : rule.DefaultPolicy;

    private static SilverReject Reject<T>(SourceDefinition source, BronzeRow? row, QualityRule<T> rule, string detail) => new()
    {
        Source = source.Name,
        BatchId = row?.BatchId ?? "",
        SourceFile = row?.SourceFile ?? "",
        SourceLine = row?.SourceLine ?? 0,
        Reason = rule.Name,
        Column = SourceDefinition.BronzeName(rule.Column),
        Value = row is null || source.IndexOf(rule.Column) < 0 ? null : row.Values[source.IndexOf(rule.Column)],
        Detail = detail,
    };
}
