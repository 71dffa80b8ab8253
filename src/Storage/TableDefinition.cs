namespace NbaLake.Storage;

/// <summary>
/// What the catalog says about a table, declared beside the table's code: the one place its grain, key and upstreams
/// are written down. Column descriptions are the XML <c>&lt;summary&gt;</c> of the row type's properties, so there is
/// no second copy of them.
/// </summary>
/// <param name="Table">The table's address.</param>
/// <param name="DefinedBy">The type whose summary describes the table (its definition class).</param>
/// <param name="RowType">The row type whose documented properties are the columns; null for bronze, whose columns come from <paramref name="Columns"/>.</param>
/// <param name="Grain">What one row is, in a few words.</param>
/// <param name="Key">The columns that identify a row.</param>
/// <param name="Upstream">Tables (<c>layer.name</c>) or landing sources (<c>landing.&lt;source&gt;</c>) the table is built from.</param>
/// <param name="PartitionBy">The Hive partition column, if any.</param>
/// <param name="Columns">Column descriptions for tables without a row type (bronze), and extra attributes.</param>
public sealed record TableDefinition(
    TableId Table,
    Type DefinedBy,
    Type? RowType,
    string Grain,
    IReadOnlyList<string> Key,
    IReadOnlyList<string> Upstream,
    string? PartitionBy = null,
    IReadOnlyList<ColumnNote>? Columns = null);

/// <summary>A column's description where no documented property holds it (bronze's raw text columns).</summary>
public sealed record ColumnNote(string Name, string Description, bool PersonalData = false);

/// <summary>Marks a column that holds personal data (a person's name): the catalog flags it for governance.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>A quality rule as the catalog shows it: its name, what it expects, and the columns it guards.</summary>
public sealed record RuleNote(string Name, string Description, IReadOnlyList<string> Columns);
