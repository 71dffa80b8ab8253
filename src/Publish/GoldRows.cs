using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>The rows of the gold tables publish has built so far in a run, by table, with the settings they were built with.</summary>
public sealed class GoldRows(PublishOptions options)
{
    private readonly Dictionary<TableId, object> rows = [];

    /// <summary>The publish settings of the run.</summary>
    public PublishOptions Options { get; } = options;

    /// <summary>The rows of <paramref name="table"/>, built earlier in the run (a table it names as upstream).</summary>
    public IReadOnlyList<TRow> Of<TRow>(TableId table) =>
        rows.TryGetValue(table, out var built) ? (IReadOnlyList<TRow>)built
            : throw new InvalidOperationException($"{table} is not built yet: name it as an upstream of the table that reads it.");

    internal void Add<TRow>(TableId table, List<TRow> built) => rows[table] = built;
}
