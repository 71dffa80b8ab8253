namespace NbaLake.Storage;

/// <summary>The folders of one lake: its root, the landing zone, the three layers and the job's own files.</summary>
/// <param name="Root">The lake root; every other path but <paramref name="Landing"/> lies below it.</param>
/// <param name="Landing">Where upstream drops raw CSVs.</param>
public sealed record LakeLayout(string Root, string Landing)
{
    /// <summary>Bronze, silver and gold: the layers readers glob.</summary>
    public string Layer(string layer) => Path.Combine(Root, layer);

    /// <summary>Job-private state (staging, …): never below a table folder.</summary>
    public string Meta => Path.Combine(Root, "_meta");

    /// <summary>One JSON log file per run.</summary>
    public string Logs => Path.Combine(Root, "logs");

    /// <summary>The folder of a table: <c>&lt;root&gt;/&lt;layer&gt;/&lt;name&gt;</c>.</summary>
    public string TableFolder(TableId table) => Path.Combine(Root, table.Layer, table.Name);
}
