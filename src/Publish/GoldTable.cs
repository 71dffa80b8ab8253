using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Publish;

/// <summary>
/// The definitions of the gold tables publish computes, so that a table's definition is all publish needs to find it:
/// the build step is <see cref="PublishStage"/> and the definition's <see cref="TableDefinition.Part"/> is the type that
/// computes the table, season by season (<see cref="FromParts{TPart, TRow}"/>) or from other gold tables
/// (<see cref="FromTables{TSummary, TRow}"/>).
/// </summary>
public static class GoldTable
{
    /// <summary>A gold table computed from silver <c>fct_game_details</c> season by season, by its part type <typeparamref name="TPart"/>.</summary>
    /// <param name="definedBy">The type whose summary describes the table (its definition class).</param>
    /// <param name="grain">What one row is, in a few words.</param>
    /// <param name="key">The columns that identify a row.</param>
    public static TableDefinition FromParts<TPart, TRow>(TableId table, Type definedBy, string grain, IReadOnlyList<string> key)
        where TPart : class, IGoldPart<TPart, TRow>
        where TRow : class, new() =>
        new(table, definedBy, typeof(TRow), grain, key, [FctGameDetails.Table], CommitMode.Replace, typeof(PublishStage), Part: typeof(TPart));

    /// <summary>A gold table read from the rows of the gold tables in <paramref name="upstream"/>, by <typeparamref name="TSummary"/>.</summary>
    public static TableDefinition FromTables<TSummary, TRow>(TableId table, Type definedBy, string grain, IReadOnlyList<string> key, IReadOnlyList<TableId> upstream)
        where TSummary : IGoldSummary<TRow>
        where TRow : class, new() =>
        new(table, definedBy, typeof(TRow), grain, key, upstream, CommitMode.Replace, typeof(PublishStage), Part: typeof(TSummary));
}
