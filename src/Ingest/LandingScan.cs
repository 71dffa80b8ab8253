using System.IO.Enumeration;
using Mono.Unix;

namespace NbaLake.Ingest;

/// <summary>A landed file and the source it was matched to.</summary>
public sealed record LandedFile(string Path, SourceDefinition Source);

/// <summary>
/// What the landing folder holds: the files to ingest, the entries refused with the reason, and the entries that
/// match no source (each with a sentence that says so and what to do).
/// </summary>
public sealed record LandingContents(IReadOnlyList<LandedFile> Files, IReadOnlyList<string> Refused, IReadOnlyList<string> Ignored);

/// <summary>Matches the entries of the landing folder to sources by their globs.</summary>
public static class LandingScan
{
    /// <summary>
    /// The landing folder's entries (top level only) that match a source glob, in ordinal name order. A name that
    /// matches several globs goes to the longest one, so <c>games_details.csv</c> is game_details, not games.
    /// A matching entry that is not a regular file (a directory, a symbolic link, a named pipe, a socket, a device) is
    /// refused without being opened, as is a name that is not valid UTF-8 or holds <c>..</c>.
    /// </summary>
    public static LandingContents Scan(string landing, SourcesOptions options)
    {
        if (!Directory.Exists(landing))
        {
            throw new DirectoryNotFoundException($"The landing folder '{landing}' does not exist: create it or set Lake:Landing (or --landing) to the folder upstream drops files in.");
        }
        var files = new List<LandedFile>();
        var refused = new List<string>();
        var ignored = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(landing).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var source = Match(name, options);
            if (source is null)
            {
                ignored.Add($"{name}: ignored, it matches no source glob ({string.Join(", ", Sources.All.Select(s => $"{s.SettingsKey}:Glob {options.For(s).Glob}"))}); rename it, or change the source's Glob in pipeline.json, if it is data");
                continue;
            }
            var problem = Problem(path, name);
            if (problem is null)
            {
                files.Add(new LandedFile(path, source));
            }
            else
            {
                refused.Add($"{name}: refused, {problem}");
            }
        }
        return new LandingContents(files, refused, ignored);
    }

    private static SourceDefinition? Match(string name, SourcesOptions options) => Sources.All
        .Select(s => (Source: s, Glob: options.For(s).Glob))
        .Where(s => FileSystemName.MatchesSimpleExpression(s.Glob, name, ignoreCase: true))
        .OrderByDescending(s => s.Glob.Length)
        .Select(s => s.Source)
        .FirstOrDefault();

    private static string? Problem(string path, string name)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return $"it is a symbolic link (to {info.LinkTarget}): land the file itself, so what was ingested cannot change under the link";
        }
        if (Directory.Exists(path))
        {
            return "it is a folder, not a file: land the CSV files themselves in the landing folder";
        }
        if (name.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return "its name is not valid UTF-8: rename it (lineage records the name as text)";
        }
        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "its name contains '..': rename it (no path-like names in lineage)";
        }
        if (!OperatingSystem.IsWindows() && UnixFileSystemInfo.GetFileSystemEntry(path) is { Exists: true, IsRegularFile: false } entry)
        {
            // A pipe would block the read for ever (holding the lake's lock); a device never ends. (A file gone
            // meanwhile is left to the read, which defers it.)
            return $"it is a {Kind(entry.FileType)}, not a regular file, and was not opened: land the CSV file itself";
        }
        return null;
    }

    private static string Kind(FileTypes type) => type switch
    {
        FileTypes.Fifo => "named pipe",
        FileTypes.Socket => "socket",
        FileTypes.CharacterDevice => "character device",
        FileTypes.BlockDevice => "block device",
        _ => type.ToString().ToLowerInvariant(),
    };
}
