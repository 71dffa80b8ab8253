using System.ComponentModel.DataAnnotations;
using NbaLake.Ingest;
using NbaLake.Publish;
using NbaLake.Storage;

namespace NbaLake;

/// <summary>
/// Where the lake lives (<c>Lake</c> in pipeline.json). Relative paths are relative to pipeline.json's folder. No
/// setting here shapes a table's rows.
/// </summary>
public sealed record LakeOptions : IOptionsRules
{
    /// <summary>The lake root. Default <c>lake</c>; not blank.</summary>
    public string Root { get; set; } = "lake";

    /// <summary>The landing folder. Default empty: <c>&lt;Root&gt;/landing</c>.</summary>
    public string Landing { get; set; } = "";

    /// <summary>How many versions of each table stay restorable (the current one included). Default 10; at least 1.</summary>
    [Range(1, int.MaxValue)]
    public int KeepVersions { get; set; } = 10;

    /// <summary>
    /// The root that locations in the tables' Iceberg metadata start with, for a lake read somewhere else than where it
    /// is written (a lake synced to object storage: <c>s3://bucket/lake</c>). Default empty: the lake's own absolute path
    /// as a <c>file://</c> URI, rewritten by the next run when the lake has moved. Otherwise a URI with a scheme.
    /// </summary>
    public string MetadataRoot { get; set; } = "";

    /// <inheritdoc/>
    public IEnumerable<string> Problems(string section)
    {
        if (string.IsNullOrWhiteSpace(Root))
        {
            yield return $"{section}:{nameof(Root)} must name a folder (default \"lake\").";
        }
        if (MetadataRoot.Length > 0 && (!MetadataRoot.Contains("://", StringComparison.Ordinal)
            || !Uri.TryCreate(MetadataRoot, UriKind.Absolute, out var uri) || uri.Scheme.Length < 2 || MetadataRoot.Any(char.IsWhiteSpace)))
        {
            yield return $"{section}:{nameof(MetadataRoot)} must be empty (the lake's own path) or a URI with a scheme such as \"s3://bucket/lake\" or \"file:///srv/lake\" (got \"{MetadataRoot}\").";
        }
    }
}

/// <summary>All settings of the job, bound from pipeline.json, <c>NBALAKE_</c> environment variables and <c>--Section:Key=value</c>.</summary>
/// <param name="Quality">Policy per quality rule (<c>warn</c>, <c>quarantine</c> or <c>fail</c>); a rule not named keeps its default.</param>
public sealed record PipelineOptions(LakeOptions Lake, SourcesOptions Sources, PublishOptions Publish, IReadOnlyDictionary<string, QualityPolicy> Quality);
