using System.Globalization;
using System.Security.Cryptography;
using Mono.Unix;

namespace NbaLake.Storage;

/// <summary>
/// Compares a version folder with what the commit log says it holds: every logged file present with its logged size
/// and (when asked) its SHA-256, and no file the log does not list. The cheap check (sizes) is a stat per file, so every
/// run makes it; hashing reads every byte, so <c>nbalake verify</c>, <c>history</c> and <c>restore</c> do. Versions share
/// files by hard link: a file is hashed once per inode, however many versions hold it.
/// </summary>
public sealed class VersionCheck
{
    private readonly Dictionary<(long Device, long Inode), string> hashes = [];

    /// <summary>What is wrong with <paramref name="folder"/> as a copy of <paramref name="state"/>'s files; empty when it is intact.</summary>
    public IReadOnlyList<string> Problems(string folder, TableState state, bool hash)
    {
        if (!Directory.Exists(folder))
        {
            return [$"its folder {folder} is missing"];
        }
        var problems = new List<string>();
        foreach (var file in state.Files.Values)
        {
            var path = Path.Combine(folder, file.Path);
            if (SizeProblem(path, file) is { } problem)
            {
                problems.Add(problem);
            }
            else if (hash && Sha256(path) != file.Sha256)
            {
                problems.Add($"{file.Path} has other bytes than the log's (its SHA-256 differs)");
            }
        }
        // The Iceberg metadata folder (a link to the table's, or a copy of it in a folder copied with cp -rL) is not data.
        var metadata = LakeLayout.IcebergFolderName + "/";
        foreach (var extra in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith(metadata, StringComparison.Ordinal) && p != LakeLayout.IcebergFolderName && !state.Files.ContainsKey(p))
            .Order(StringComparer.Ordinal))
        {
            problems.Add($"{extra} is not in the log");
        }
        return problems;
    }

    /// <summary>Whether <paramref name="path"/> holds exactly <paramref name="file"/>'s bytes (size, then SHA-256).</summary>
    public bool IsIntact(string path, CommittedFile file) => SizeProblem(path, file) is null && Sha256(path) == file.Sha256;

    /// <summary>Why <paramref name="path"/> cannot be <paramref name="file"/> (missing, or another size), or null.</summary>
    public static string? SizeProblem(string path, CommittedFile file) => new FileInfo(path) switch
    {
        { Exists: false } => $"{file.Path} is missing",
        { Length: var length } when length != file.Size =>
            string.Create(CultureInfo.InvariantCulture, $"{file.Path} has {length:N0} bytes, the log says {file.Size:N0}"),
        _ => null,
    };

    private string Sha256(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Hash(path);
        }
        var entry = UnixFileSystemInfo.GetFileSystemEntry(path);
        var key = (entry.Device, entry.Inode);
        if (!hashes.TryGetValue(key, out var sha))
        {
            hashes[key] = sha = Hash(path);
        }
        return sha;
    }

    private static string Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>A table version whose files differ from its commit log.</summary>
/// <param name="Current">Whether it is the table's current version (what readers see).</param>
public sealed record TableDamage(TableId Table, int Version, bool Current, IReadOnlyList<string> Problems)
{
    public override string ToString() =>
        $"{Table} v{Version}{(Current ? " (current)" : "")}: {string.Join("; ", Problems.Take(3))}{(Problems.Count > 3 ? $" and {Problems.Count - 3} more" : "")}";
}

/// <summary>The lake's files are not what its commit logs say (a file missing, cut short or changed): no retry fixes that.</summary>
public class LakeDamagedException(IReadOnlyList<TableDamage> damage)
    : IOException("Damaged: " + string.Join(". ", damage.Select(d => d.ToString())) + ".")
{
    public IReadOnlyList<TableDamage> Damage { get; } = damage;
}
