namespace NbaLake.Ingest;

/// <summary>A landing source of the contract: its name (the bronze table) and the CSV columns it knows.</summary>
/// <param name="Name">Bronze table name: <c>games</c>, <c>game_details</c>, <c>teams</c>.</param>
/// <param name="Required">Columns a file must have, else it is refused whole.</param>
/// <param name="Optional">Known columns a file may lack (null for its rows).</param>
public sealed record SourceDefinition(string Name, IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
{
    /// <summary>Every known CSV column in bronze order: the required ones, then the optional ones.</summary>
    public IReadOnlyList<string> Columns { get; } = [.. Required, .. Optional];

    private Dictionary<string, int>? index;

    /// <summary>The position of a known column in <see cref="Columns"/> (case-insensitive), or -1.</summary>
    public int IndexOf(string column)
    {
        index ??= Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
        return index.GetValueOrDefault(column, -1);
    }

    /// <summary>The bronze column name of a CSV header: lower snake_case (<c>TEAM_ID_home</c> → <c>team_id_home</c>).</summary>
    public static string BronzeName(string header) => header.ToLowerInvariant();
}
