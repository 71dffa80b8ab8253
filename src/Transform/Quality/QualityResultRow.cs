using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Transform.Quality;

/// <summary>
/// A row of <c>lake/_ops/quality</c>: one rule checked in one run. Grain: (run_id, table_name, rule).
/// Append-only: a run that transforms adds its results; a run with nothing to transform adds none.
/// </summary>
public sealed class QualityResultRow
{
    public static readonly TableId Table = new("_ops", "quality");

    /// <summary>The catalog entry: grain, key and upstream.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(QualityResultRow), typeof(QualityResultRow),
        "one row per quality rule per run", ["run_id", "table_name", "rule"], [Games.Table, FctGameDetails.Table], CommitMode.Append, typeof(TransformStage));

    /// <summary>The rows the store's run added (none when it transformed nothing).</summary>
    public static Task<IReadOnlyList<QualityResultRow>> OfRunAsync(TableStore store, CancellationToken ct)
    {
        var current = store.Current(Table);
        if (current?.RunId != store.RunId || store.State(Table)!.Files.Values.FirstOrDefault(f => f.AddedIn == current.Version) is not { } file)
        {
            return Task.FromResult<IReadOnlyList<QualityResultRow>>([]);
        }
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<QualityResultRow>>(Columnar.Rows<QualityResultRow>().Read(Path.Combine(store.Layout.TableFolder(Table), file.Path)));
    }

    /// <summary>The run that checked the rule.</summary>
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";

    /// <summary>The silver table the rule guards (layer.name).</summary>
    [JsonPropertyName("table_name")] public string TableName { get; set; } = "";

    /// <summary>The rule's name (its key in pipeline.json's Quality section).</summary>
    [JsonPropertyName("rule")] public string Rule { get; set; } = "";

    /// <summary>What the rule expects.</summary>
    [JsonPropertyName("description")] public string Description { get; set; } = "";

    /// <summary>Rows the rule looked at.</summary>
    [JsonPropertyName("rows_checked")] public long RowsChecked { get; set; }

    /// <summary>Rows that broke it.</summary>
    [JsonPropertyName("rows_failing")] public long RowsFailing { get; set; }

    /// <summary>warn, quarantine or fail.</summary>
    [JsonPropertyName("policy")] public string Policy { get; set; } = "";

    /// <summary>passed, warned, quarantined or failed.</summary>
    [JsonPropertyName("outcome")] public string Outcome { get; set; } = "";

    /// <summary>The first failing row, described (null when it passed).</summary>
    [JsonPropertyName("example")] public string? Example { get; set; }
}
