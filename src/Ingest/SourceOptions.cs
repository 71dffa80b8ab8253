namespace NbaLake.Ingest;

/// <summary>How one source's files are found and read (<c>Sources:&lt;Source&gt;</c> in pipeline.json).</summary>
public sealed record SourceOptions
{
    /// <summary>File-name glob in the landing folder (<c>*</c> and <c>?</c>); a file matching several sources goes to the longest glob.</summary>
    public string Glob { get; init; } = "";

    /// <summary>Field delimiter, one character. Default <c>,</c>.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>Date formats accepted besides ISO <c>yyyy-MM-dd</c> (for example <c>dd/MM/yyyy</c>). Default none.</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = [];
}

/// <summary>The per-source settings (<c>Sources</c> in pipeline.json), with the contract's default globs.</summary>
public sealed record SourcesOptions
{
    public SourceOptions Games { get; init; } = new() { Glob = "games*.csv" };

    public SourceOptions GameDetails { get; init; } = new() { Glob = "games_details*.csv" };

    public SourceOptions Teams { get; init; } = new() { Glob = "teams*.csv" };

    /// <summary>The settings of a source by its bronze name.</summary>
    public SourceOptions For(SourceDefinition source) => source.Name switch
    {
        "games" => Games,
        "game_details" => GameDetails,
        "teams" => Teams,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source.Name, "unknown source"),
    };
}
