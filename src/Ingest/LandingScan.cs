using System.IO.Enumeration;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Zip;
using Mono.Unix;

namespace NbaLake.Ingest;

/// <summary>
/// A landed file and the source it was matched to: a CSV, a gzipped CSV (<c>games.csv.gz</c>), or a CSV inside a zip
/// archive (<paramref name="Member"/>, the entry's full name).
/// </summary>
public sealed record LandedFile(string Path, SourceDefinition Source, string? Member = null)
{
    /// <summary>The name lineage records (<c>_source_file</c>): the file's name, or <c>archive.zip!member.csv</c>.</summary>
    public string Name => Member is null ? System.IO.Path.GetFileName(Path) : $"{System.IO.Path.GetFileName(Path)}!{Member}";

    /// <summary>Whether the CSV is read through a decompressor (its size on disk says little about its rows).</summary>
    public bool Compressed => Member is not null || Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The CSV's bytes, decompressed as they are read: nothing is unpacked to disk. SharpZipLib's readers check the
    /// CRC-32 and length of what they inflate and throw at the end of a damaged member (<see cref="IsDamage"/>); .NET's
    /// GZipStream and ZipArchive end quietly at a cut or pass corrupt deflate data, which would ingest part of a file.
    /// </summary>
    public Stream Open()
    {
        if (Member is null)
        {
            var file = File.OpenRead(Path);
            return Compressed ? new GZipInputStream(file) : file;
        }
        var archive = new ZipFile(Path);
        try
        {
            var entry = archive.GetEntry(Member) ?? throw new FileNotFoundException($"{Name} is no longer in the archive", Name);
            return new MemberStream(archive, entry);
        }
        catch
        {
            ((IDisposable)archive).Dispose();
            throw;
        }
    }

    /// <summary>Whether an exception while reading <see cref="Open"/> says the archive is damaged (cut off, bad CRC, not the format).</summary>
    public static bool IsDamage(Exception e) =>
        e is InvalidDataException or EndOfStreamException or ICSharpCode.SharpZipLib.SharpZipBaseException;

    /// <summary>
    /// A zip member's stream that checks, at its end, the CRC-32 and length the archive records for the member (the
    /// zip readers do not: a corrupt member would end early or read wrong bytes), and closes its archive with it.
    /// </summary>
    private sealed class MemberStream(ZipFile archive, ZipEntry entry) : Stream
    {
        private readonly Stream member = archive.GetInputStream(entry);
        private readonly ICSharpCode.SharpZipLib.Checksum.Crc32 crc = new();
        private long length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Check(buffer, offset, member.Read(buffer, offset, count));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Check(byte[] buffer, int offset, int read)
        {
            crc.Update(new ArraySegment<byte>(buffer, offset, read));
            length += read;
            if (read == 0 && (length != entry.Size || crc.Value != entry.Crc))
            {
                throw new InvalidDataException($"member {entry.Name} is damaged: {length} bytes with CRC-32 {crc.Value:x8} where the archive records {entry.Size} bytes with {entry.Crc:x8}");
            }
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                member.Dispose();
                ((IDisposable)archive).Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

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
    /// A <c>.csv.gz</c> is matched by its name without <c>.gz</c>; each member of a <c>.zip</c> by its own file name.
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
            var archive = name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
            var source = archive ? null : Match(name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name, options);
            if (!archive && source is null)
            {
                ignored.Add(Ignored(name, options));
                continue;
            }
            if (Problem(path, name) is { } problem)
            {
                refused.Add($"{name}: refused, {problem}");
            }
            else if (archive)
            {
                Members(path, name, options, files, refused, ignored);
            }
            else
            {
                files.Add(new LandedFile(path, source!));
            }
        }
        return new LandingContents(files, refused, ignored);
    }

    /// <summary>The CSV members of a zip archive, read from its central directory (no member is unpacked).</summary>
    private static void Members(string path, string name, SourcesOptions options, List<LandedFile> files, List<string> refused, List<string> ignored)
    {
        try
        {
            using var zip = new ZipFile(path);
            var entries = zip.Cast<ZipEntry>().Where(e => e.IsFile).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            if (entries.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                // Lineage (archive.zip!member.csv) could not tell them apart, and a reader by name gets the first twice.
                refused.Add($"{name}: refused, it holds {twice.Count()} members named {twice.Key}: repack it with one member per name");
                return;
            }
            foreach (var entry in entries)
            {
                var member = $"{name}!{entry.Name}";
                if (Match(Path.GetFileName(entry.Name), options) is not { } source)
                {
                    ignored.Add(Ignored(member, options));
                }
                else if (entry.Name.Contains("..", StringComparison.Ordinal))
                {
                    refused.Add($"{member}: refused, its name contains '..': rename it (no path-like names in lineage)");
                }
                else
                {
                    files.Add(new LandedFile(path, source, entry.Name));
                }
            }
        }
        catch (Exception e) when (LandedFile.IsDamage(e))
        {
            refused.Add($"{name}: refused, it is not a readable zip archive ({e.Message}): land it again, whole");
        }
    }

    private static string Ignored(string name, SourcesOptions options) =>
        $"{name}: ignored, it matches no source glob ({string.Join(", ", Sources.All.Select(s => $"{s.SettingsKey}:Glob {options.For(s).Glob}"))}); rename it, or change the source's Glob in pipeline.json, if it is data";

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
        if (OperatingSystem.IsWindows() || UnixFileSystemInfo.GetFileSystemEntry(path) is not { Exists: true } entry)
        {
            return null; // a file gone meanwhile is left to the read, which defers it
        }
        if (!entry.IsRegularFile)
        {
            // A pipe would block the read for ever (holding the lake's lock); a device never ends.
            return $"it is a {Kind(entry.FileType)}, not a regular file, and was not opened: land the CSV file itself";
        }
        if (entry.LinkCount > 1)
        {
            // Another name of the same bytes may be anywhere on the disk (a password file, say): nothing of it is
            // read, not even its header for an error message.
            return $"it is a hard link ({entry.LinkCount} names for the same file) and was not opened: land a copy of the file, so what was ingested cannot change under another name";
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
