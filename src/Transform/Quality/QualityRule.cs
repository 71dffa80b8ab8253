using NbaLake.Storage;

namespace NbaLake.Transform.Quality;

/// <summary>The silver tables of one game bucket as built in this run, for rules that look across rows or tables.</summary>
public sealed record SilverTables(IReadOnlyList<GameRow> Games, IReadOnlyList<GameDetailRow> Details);

/// <summary>
/// A data quality rule, declared next to the table it guards: either a check of one row at a time
/// (<see cref="RowCheck"/>, run while the row is typed, so a quarantined row keeps its raw value) or a check over a
/// bucket's rows (<see cref="GroupCheck"/>, yielding each failing row's index with a sentence saying what is wrong).
/// </summary>
/// <param name="Name">The rule's name: the key in pipeline.json's Quality section and the reject reason.</param>
/// <param name="Column">The source columns the rule guards (", " between them); a quarantined row's reject names the first.</param>
/// <param name="CanQuarantine">False for a rule about a group of rows (a game's points), where no single row is at fault.</param>
/// <param name="ColumnOf">For a per-row rule over several columns: the one a failing row's reject names (default: the first).</param>
public sealed record QualityRule<T>(
    string Name,
    string Description,
    QualityPolicy DefaultPolicy,
    string Column,
    Func<T, string?>? RowCheck = null,
    Func<SilverTables, IReadOnlyList<T>, IEnumerable<(int Row, string Detail)>>? GroupCheck = null,
    bool CanQuarantine = true,
    Func<T, string>? ColumnOf = null)
{
    /// <summary>
    /// The rule as the catalog shows it, with the silver columns it guards (MIN is minutes, TO turnovers,
    /// GAME_DATE_EST game_date).
    /// </summary>
    public RuleNote Note => new(Name, Description, [.. Column.Split(", ").Select(c => c.ToLowerInvariant() switch
    {
        "min" => "minutes",
        "to" => "turnovers",
        "game_date_est" => "game_date",
        var name => name,
    })], DefaultPolicy, CanQuarantine);
}

/// <summary>Builders for the common kinds of rule.</summary>
public static class QualityRules
{
    /// <summary>A rule that looks at one row at a time; <paramref name="problem"/> returns null for a good row.</summary>
    public static QualityRule<T> PerRow<T>(string name, string description, QualityPolicy policy, string column, Func<T, string?> problem) =>
        new(name, description, policy, column, RowCheck: problem);

    /// <summary>
    /// A rule that looks at several whole-number columns of one row: the row fails on the first column (in the order
    /// given) whose value is <paramref name="bad"/>, and its reject names that column. Empty values pass.
    /// </summary>
    public static QualityRule<T> EveryColumn<T>(string name, string description, QualityPolicy policy, IReadOnlyList<(string Column, Func<T, long?> Value)> columns,
        Func<long, bool> bad, Func<T, string, long, string> problem)
    {
        (string Column, long Value)? First(T row)
        {
            foreach (var (column, value) in columns)
            {
                if (value(row) is { } v && bad(v))
                {
                    return (column, v);
                }
            }
            return null;
        }
        return new(name, description, policy, string.Join(", ", columns.Select(c => c.Column)),
            RowCheck: row => First(row) is { } f ? problem(row, f.Column, f.Value) : null,
            ColumnOf: row => First(row)?.Column ?? columns[0].Column);
    }

    /// <summary>A rule that the key of the table is unique (after the dedupe it always is: the rule proves it).</summary>
    public static QualityRule<T> UniqueKey<T, TKey>(string name, string column, Func<T, TKey> key)
        where TKey : notnull =>
        new(name, $"one row per {column}", QualityPolicy.Fail, column, GroupCheck: (_, rows) =>
        {
            // One pass with a set; the grouping that names the offenders runs only when there are some.
            var seen = new HashSet<TKey>(rows.Count);
            var repeated = rows.Select(key).Where(k => !seen.Add(k)).ToHashSet();
            return repeated.Count == 0
                ? []
                : rows.Select((r, i) => (Key: key(r), Row: i)).Where(x => repeated.Contains(x.Key)).GroupBy(x => x.Key)
                    .SelectMany(g => g.Select(x => (x.Row, $"{column} {g.Key} appears {g.Count()} times")));
        });
}
