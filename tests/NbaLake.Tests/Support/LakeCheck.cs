using System.Security.Cryptography;
using NbaLake.Storage;
using Serilog.Core;

namespace NbaLake.Tests.Support;

/// <summary>What a reader of the lake may rely on, checked from outside.</summary>
public static class LakeCheck
{
    /// <summary>
    /// Every table folder a reader globs holds exactly one committed version: the files its log entry lists, with
    /// those bytes, and nothing else; and DuckDB reads it with that many rows. A committed table whose folder is
    /// missing, or whose link points nowhere, fails: the one exception is a table's very first version when a run
    /// died between its commit and the link switch (readers have never seen that table; recovery links it).
    /// </summary>
    public static void EveryTableIsOneCommittedVersion(string lake)
    {
        var store = new TableStore(new LakeLayout(lake, lake), "check", Logger.None);
        using var duck = new Duck();
        foreach (var table in store.Tables())
        {
            var folder = Path.Combine(lake, table.Layer, table.Name);
            var link = new FileInfo(folder).LinkTarget;
            var versions = store.History(table).Count;
            if (versions == 0)
            {
                // A run died before the table's first commit: its log folder exists, and nothing a reader can see.
                Assert.False(Directory.Exists(folder) || link is not null, $"{table} has no committed version but {folder} exists");
                continue;
            }
            if (link is null && !Directory.Exists(folder) && versions == 1)
            {
                continue;
            }
            Assert.True(link is not null, $"{table} has committed versions but {folder} is not a link to one");
            Assert.True(Directory.Exists(folder), $"{table}'s link {folder} -> {link} points at nothing");
            var target = new DirectoryInfo(folder).LinkTarget;
            Assert.NotNull(target);
            var version = int.Parse(Path.GetFileName(target)[1..], System.Globalization.CultureInfo.InvariantCulture);
            var entry = store.StateAt(table, version);
            Assert.True(entry is not null, $"{table} points at v{version}, which has no commit log entry");
            var onDisk = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Where(p => !IsIcebergMetadata(p)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(entry!.Files.Keys.Order(StringComparer.Ordinal), onDisk);
            foreach (var file in entry.Files.Values)
            {
                Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file.Path)))));
            }
            Assert.Equal(entry.Rows, Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(folder)}")));
        }
    }

    /// <summary>Whether a path below a table folder is in its Iceberg metadata folder (derived from the log, not data).</summary>
    public static bool IsIcebergMetadata(string relativePath) => relativePath.Replace('\\', '/').StartsWith("metadata/", StringComparison.Ordinal);

    /// <summary>Every data file below the gold folder (not the Iceberg metadata), by relative path, with its bytes.</summary>
    public static SortedDictionary<string, byte[]> GoldBytes(string lake) => Bytes(Path.Combine(lake, "gold"));

    /// <summary>
    /// Every file below a folder of tables (following the table links), by relative path; not the tables' Iceberg metadata,
    /// which names its run and time.
    /// </summary>
    public static SortedDictionary<string, byte[]> Bytes(string folder)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        // The SearchOption overload lists hidden (dot) files too: nothing below a table folder may go unseen.
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => !("/" + Path.GetRelativePath(folder, p).Replace('\\', '/')).Contains("/metadata/", StringComparison.Ordinal)))
        {
            files[Path.GetRelativePath(folder, path)] = File.ReadAllBytes(path);
        }
        return files;
    }

    public static void SameBytes(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} differs");
        }
    }
}
