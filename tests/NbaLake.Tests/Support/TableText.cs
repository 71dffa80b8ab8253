namespace NbaLake.Tests.Support;

/// <summary>A table rendered as text for a snapshot: its schema, then its rows in a stable order.</summary>
public sealed record TableText(string Table, List<string> Schema, List<string> Rows)
{
    /// <summary>
    /// Reads a table folder with DuckDB. Columns that change on every run (<c>_batch_id</c>, <c>_ingested_at</c>)
    /// are shown as their type only, so the snapshot holds what the job decides, not when it ran.
    /// </summary>
    public static TableText Read(Duck duck, string lake, string layer, string table)
    {
        var source = Duck.ReadTable(Path.Combine(lake, layer, table));
        var schema = duck.Schema($"SELECT * FROM {source}");
        var columns = schema.Select(c => c.Split(':')[0]).ToList();
        var select = string.Join(", ", columns.Select(c => c switch
        {
            "_batch_id" => "'<batch>' AS _batch_id",
            "_ingested_at" => "'<time>' AS _ingested_at",
            _ => $"\"{c}\"",
        }));
        return new TableText($"{layer}/{table}", schema, duck.Rows($"SELECT {select} FROM {source} ORDER BY ALL"));
    }
}
