namespace NbaLake.Ingest;

/// <summary>A landing source of the contract: its name (the bronze table) and the CSV columns it knows.</summary>
/// <param name="Name">Bronze table name: <c>games</c>, <c>game_details</c>, <c>teams</c>.</param>
/// <param name="Columns">Every known CSV column, in the order of the Kaggle files (and of bronze).</param>
/// <param name="Required">The columns a file must have, else it is refused whole; the rest may be missing (null).</param>
/// <param name="PersonalData">The columns that hold a person's name (flagged in the catalog).</param>
public sealed record SourceDefinition(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Required, IReadOnlyList<string>? PersonalData = null)
{
    private Dictionary<string, int>? exact;
    private Dictionary<string, int>? anyCase;

    /// <summary>The position of <c>GAME_ID</c>, the column that decides a row's game bucket; -1 for a source without games.</summary>
    public int GameIdColumn => IndexOf("GAME_ID");

    /// <summary>The position of a known column in <see cref="Columns"/> (case-insensitive), or -1.</summary>
    public int IndexOf(string column)
    {
        // Code names columns as the contract spells them: an ordinal lookup first, which is several times faster.
        exact ??= Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        if (exact.TryGetValue(column, out var i))
        {
            return i;
        }
        anyCase ??= Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
        return anyCase.GetValueOrDefault(column, -1);
    }

    /// <summary>
    /// The source's name in pipeline.json's Sources, the one place a source's name becomes a settings key:
    /// <c>game_details</c> → <c>GameDetails</c> (the <see cref="SourcesOptions"/> property holding its settings).
    /// </summary>
    public string SettingsName => string.Concat(Name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>The source's section in pipeline.json: <c>game_details</c> → <c>Sources:GameDetails</c>.</summary>
    public string SettingsKey => "Sources:" + SettingsName;

    /// <summary>The bronze column name of a CSV header: lower snake_case (<c>TEAM_ID_home</c> → <c>team_id_home</c>).</summary>
    public static string BronzeName(string header) => header.ToLowerInvariant();
}
