namespace NbaLake.Storage;

/// <summary>How a table's new version relates to its current one.</summary>
public enum CommitMode
{
    /// <summary>Every commit adds files; rows never leave (bronze, the job's own tables).</summary>
    Append,

    /// <summary>Every commit is the whole table (gold).</summary>
    Replace,

    /// <summary>A commit replaces the files of the partitions it rebuilt; the others stay (silver, by game bucket).</summary>
    ReplacePartitions,
}

/// <summary>What a run does with rows that break a quality rule (<c>Quality:&lt;rule&gt;</c> in pipeline.json).</summary>
public enum QualityPolicy
{
    /// <summary>Count and report them; the rows stay in silver.</summary>
    Warn,

    /// <summary>Move them to <c>silver/_rejects</c> with the rule's name as the reason.</summary>
    Quarantine,

    /// <summary>Fail the run before silver is committed: every table keeps its last version.</summary>
    Fail,
}

/// <summary>
/// A table, declared beside its code: the one place its grain, key, upstream tables, partitioning, commit mode,
/// quality rules and build step are written down. The registry of the lake, the runner's wiring, the catalog and the
/// quality settings are all read from these definitions; column descriptions are the XML <c>&lt;summary&gt;</c> of the
/// row type's properties, so there is no second copy of them.
/// </summary>
/// <param name="Table">The table's address.</param>
/// <param name="DefinedBy">The type whose summary describes the table (its definition class).</param>
/// <param name="RowType">The row type whose documented properties are the columns; null for bronze, whose columns come from <paramref name="Columns"/>.</param>
/// <param name="Grain">What one row is, in a few words.</param>
/// <param name="Key">The columns that identify a row.</param>
/// <param name="Upstream">The tables it is built from: the runner runs their step first and records their versions as its inputs.</param>
/// <param name="Commit">How a new version relates to the current one.</param>
/// <param name="Build">The <see cref="IBuildStep"/> type that builds it (one step may build several tables); null for a table the job writes itself.</param>
/// <param name="Sources">Landing sources it is read from (bronze).</param>
/// <param name="PartitionBy">How its files are partitioned, if they are.</param>
/// <param name="Rules">The quality rules that guard it.</param>
/// <param name="Columns">Column descriptions for tables without a row type (bronze).</param>
/// <param name="Part">
/// For a table its step computes together with others in one pass: the type that computes it (gold: what a season
/// contributes and how seasons merge, or the rows read from the step's other tables). The step finds it here, so its
/// loop never names a table.
/// </param>
public sealed record TableDefinition(
    TableId Table,
    Type DefinedBy,
    Type? RowType,
    string Grain,
    IReadOnlyList<string> Key,
    IReadOnlyList<TableId> Upstream,
    CommitMode Commit,
    Type? Build,
    IReadOnlyList<string>? Sources = null,
    string? PartitionBy = null,
    IReadOnlyList<RuleNote>? Rules = null,
    IReadOnlyList<ColumnNote>? Columns = null,
    Type? Part = null)
{
    /// <summary>The upstream as the catalog names it: <c>landing.&lt;source&gt;</c> and <c>layer.name</c>.</summary>
    public IReadOnlyList<string> UpstreamNames => [.. (Sources ?? []).Select(s => "landing." + s), .. Upstream.Select(t => t.ToString())];
}

/// <summary>A column's description where no documented property holds it (bronze's raw text columns).</summary>
public sealed record ColumnNote(string Name, string Description, bool PersonalData = false);

/// <summary>Marks a column that holds personal data (a person's name): the catalog flags it for governance.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>A quality rule as the registry knows it: its name (its settings key), what it expects, the columns it guards, its policies.</summary>
/// <param name="CanQuarantine">False for a rule about a group of rows (a game's points), where no single row is at fault.</param>
public sealed record RuleNote(string Name, string Description, IReadOnlyList<string> Columns, QualityPolicy DefaultPolicy = QualityPolicy.Warn,
    bool CanQuarantine = true);
