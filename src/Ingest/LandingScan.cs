using System.IO.Enumeration;
using ICSharpCode.SharpZipLib.Zip;
using Mono.Unix;

namespace NbaLake.Ingest;

/// <summary>
/// What the landing folder holds: the files to ingest, and the entries set aside, refused or ignored (each with a
/// sentence that says so and what to do), in name order.
/// </summary>
public sealed record LandingContents(IReadOnlyList<LandedFile> Files, IReadOnlyList<FileDecision> SetAside);

/// <summary>Matches the entries of the landing folder to sources by their globs.</summary>
public static class LandingScan
{
    /// <summary>
    /// The landing folder's entries (top level only) that match a source glob, in ordinal name order. A name that
    /// matches several globs goes to the longest one, so <c>games_details.csv</c> is game_details, not games.
    /// A <c>.csv.gz</c> is matched by its name without <c>.gz</c>; each member of a <c>.zip</c> by its own file name.
    /// A matching entry that is not a regular file (a directory, a symbolic link, a named pipe, a socket, a device) is
    /// refused without being opened, as is a name that is not valid UTF-8 or holds <c>..</c>.
    /// </summary>
    public static LandingContents Scan(string landing, SourcesOptions options)
    {
        if (!Directory.Exists(landing))
        {
            throw new DirectoryNotFoundException(Missing(landing));
        }
        var files = new List<LandedFile>();
        var aside = new List<FileDecision>();
        foreach (var path in Directory.EnumerateFileSystemEntries(landing).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var archive = name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
            var source = archive ? null : Match(name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name, options);
            if (!archive && source is null)
            {
                aside.Add(Ignored(name, options));
                continue;
            }
            var (problem, identity) = Inspect(path, name);
            if (problem is not null)
            {
                aside.Add(Refused(name, $"{name}: refused, {problem}"));
            }
            else if (archive)
            {
                Members(path, name, identity, options, files, aside);
            }
            else
            {
                files.Add(new LandedFile(path, source!, Identity: identity));
            }
        }
        return new LandingContents(files, aside);
    }

    /// <summary>The CSV members of a zip archive, read from its central directory (no member is unpacked).</summary>
    private static void Members(string path, string name, FileIdentity? identity, SourcesOptions options, List<LandedFile> files, List<FileDecision> aside)
    {
        try
        {
            using var zip = new ZipFile(LandedFile.OpenRegular(path, identity, name), leaveOpen: false);
            foreach (var folder in zip.Cast<ZipEntry>().Where(e => e.IsDirectory && Match(Path.GetFileName(e.Name.TrimEnd('/')), options) is not null))
            {
                aside.Add(new FileDecision(FileAction.Ignore, $"{name}!{folder.Name}", null, $"{name}!{folder.Name}: ignored, it is a folder inside the archive whose name matches a source glob, not a CSV file: put the CSV files themselves in the archive"));
            }
            var entries = zip.Cast<ZipEntry>().Where(e => e.IsFile).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            if (entries.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                // Lineage (archive.zip!member.csv) could not tell them apart, and a reader by name gets the first twice.
                aside.Add(Refused(name, $"{name}: refused, it holds {twice.Count()} members named {twice.Key}: repack it with one member per name"));
                return;
            }
            foreach (var entry in entries)
            {
                var member = $"{name}!{entry.Name}";
                if (Match(Path.GetFileName(entry.Name), options) is not { } source)
                {
                    aside.Add(Ignored(member, options));
                }
                else if (entry.Name.Contains("..", StringComparison.Ordinal))
                {
                    aside.Add(Refused(member, $"{member}: refused, its name contains '..': rename it (no path-like names in lineage)"));
                }
                else
                {
                    files.Add(new LandedFile(path, source, entry.Name, identity));
                }
            }
        }
        catch (Exception e) when (LandedFile.IsDamage(e))
        {
            aside.Add(Refused(name, $"{name}: refused, it is not a readable zip archive ({e.Message}): land it again, whole"));
        }
        catch (LandingChangedException e)
        {
            aside.Add(Refused(name, e.Message));
        }
        catch (FileNotFoundException)
        {
            // gone meanwhile: nothing to read, nothing to say
        }
    }

    /// <summary>What is wrong when the landing folder does not exist, and what to do.</summary>
    public static string Missing(string landing) =>
        $"the landing folder '{landing}' does not exist: create it, or set Lake:Landing in pipeline.json or --landing.";

    private static FileDecision Refused(string name, string message) => new(FileAction.Refuse, name, null, message);

    private static FileDecision Ignored(string name, SourcesOptions options) => new(FileAction.Ignore, name, null,
        $"{name}: ignored, it matches no source glob ({string.Join(", ", Sources.All.Select(s => $"{s.SettingsKey}:Glob {options.For(s).Glob}"))}); rename it, or change the source's Glob in pipeline.json, if it is data");

    private static SourceDefinition? Match(string name, SourcesOptions options) => Sources.All
        .Select(s => (Source: s, Glob: options.For(s).Glob))
        .Where(s => FileSystemName.MatchesSimpleExpression(s.Glob, name, ignoreCase: true))
        .OrderByDescending(s => s.Glob.Length)
        .Select(s => s.Source)
        .FirstOrDefault();

    /// <summary>
    /// Why an entry is refused without being opened (null when it is a regular file), and the identity of the file the
    /// scan saw (<c>lstat</c>): reading opens that very file or refuses it (<see cref="LandedFile.OpenRegular"/>).
    /// </summary>
    private static (string? Problem, FileIdentity? Identity) Inspect(string path, string name)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return ($"it is a symbolic link (to {info.LinkTarget}): land the file itself, so what was ingested cannot change under the link", null);
        }
        if (Directory.Exists(path))
        {
            return ("it is a folder, not a file: land the CSV files themselves in the landing folder", null);
        }
        if (name.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return ("its name is not valid UTF-8: rename it (lineage records the name as text)", null);
        }
        if (name.Contains("..", StringComparison.Ordinal))
        {
            return ("its name contains '..': rename it (no path-like names in lineage)", null);
        }
        if (OperatingSystem.IsWindows() || UnixFileSystemInfo.GetFileSystemEntry(path) is not { Exists: true } entry)
        {
            return (null, null); // a file gone meanwhile is left to the read, which defers it
        }
        if (!entry.IsRegularFile)
        {
            // A pipe would block the read for ever (holding the lake's lock); a device never ends.
            return ($"it is a {Kind(entry.FileType)}, not a regular file, and was not opened: land the CSV file itself", null);
        }
        if (entry.LinkCount > 1)
        {
            // Another name of the same bytes may be anywhere on the disk (a password file, say): nothing of it is
            // read, not even its header for an error message.
            return ($"it is a hard link ({entry.LinkCount} names for the same file) and was not opened: land a copy of the file, so what was ingested cannot change under another name", null);
        }
        return (null, new FileIdentity((ulong)entry.Device, (ulong)entry.Inode));
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
