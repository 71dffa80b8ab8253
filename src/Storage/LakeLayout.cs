using System.Globalization;

namespace NbaLake.Storage;

/// <summary>The folders of one lake: its root, the landing zone, the layers and the job's own files.</summary>
/// <param name="Root">The lake root; every other path but <paramref name="Landing"/> lies below it.</param>
/// <param name="Landing">Where upstream drops raw CSVs.</param>
/// <param name="MetadataRoot">
/// The root that locations in the tables' Iceberg metadata start with (<c>Lake:MetadataRoot</c>, e.g.
/// <c>s3://bucket/lake</c> for a lake synced to object storage); null or empty: the lake's own absolute path as a
/// <c>file://</c> URI (<see cref="LocationRoot"/>).
/// </param>
public sealed record LakeLayout(string Root, string Landing, string? MetadataRoot = null)
{
    /// <summary>
    /// The root of every location in Iceberg metadata: <see cref="MetadataRoot"/> without a trailing slash, or
    /// <c>file:///</c> and the lake's absolute path (forward slashes), so the metadata names the lake where it is now.
    /// </summary>
    public string LocationRoot => string.IsNullOrEmpty(MetadataRoot) ? FileUri(Path.GetFullPath(Root)) : MetadataRoot.TrimEnd('/');

    /// <summary>The table's Iceberg metadata folder (<c>_meta/tables/&lt;layer&gt;/&lt;name&gt;/metadata</c>); each version folder links to it.</summary>
    public string IcebergFolder(TableId table) => Path.Combine(TableMeta(table), IcebergFolderName);

    /// <summary>The name of the Iceberg metadata folder, below a table's private folder and in each version folder (a link there).</summary>
    public const string IcebergFolderName = "metadata";

    /// <summary>A <c>file://</c> URI for an absolute path: <c>file:///srv/lake</c>, <c>file:///C:/lake</c>.</summary>
    public static string FileUri(string absolutePath)
    {
        var path = absolutePath.Replace('\\', '/').TrimEnd('/');
        return "file://" + (path.StartsWith('/') ? path : "/" + path);
    }

    /// <summary>Job-private state (versions, commit logs, the lock): never below a table folder.</summary>
    public string Meta => Path.Combine(Root, MetaFolderName);

    /// <summary>The name of <see cref="Meta"/> in the lake root.</summary>
    public const string MetaFolderName = "_meta";

    /// <summary>One JSON log file per run.</summary>
    public string Logs => Path.Combine(Root, "logs");

    /// <summary>
    /// The folder readers glob: <c>&lt;root&gt;/&lt;layer&gt;/&lt;name&gt;</c>. It is a symbolic link to the table's
    /// current version folder, switched atomically on every commit.
    /// </summary>
    public string TableFolder(TableId table) => Path.Combine(Root, table.Layer, table.Name);

    /// <summary>The table's private folder: <c>_meta/tables/&lt;layer&gt;/&lt;name&gt;</c>, with its versions and log.</summary>
    public string TableMeta(TableId table) => Path.Combine(Meta, "tables", table.Layer, table.Name);

    /// <summary>The folder holding one version's files (hard links to files shared with other versions).</summary>
    public string VersionFolder(TableId table, int version) => Path.Combine(TableMeta(table), VersionName(version));

    /// <summary>The commit log of a table: one JSON entry per version.</summary>
    public string LogFolder(TableId table) => Path.Combine(TableMeta(table), "log");

    public static string VersionName(int version) => "v" + version.ToString("D6", CultureInfo.InvariantCulture);
}
