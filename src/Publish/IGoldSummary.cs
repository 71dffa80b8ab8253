namespace NbaLake.Publish;

/// <summary>
/// The contract of a gold table read from the rows of other gold tables of the same step (answers): publish builds it
/// after the tables it names as upstream, in the same run, and finds it through its definition
/// (<see cref="GoldTable.FromTables{TSummary, TRow}"/>).
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
public interface IGoldSummary<TRow>
    where TRow : class, new()
{
    /// <summary>The table's rows, from the rows publish has built so far.</summary>
    static abstract List<TRow> Rows(GoldRows gold);
}
