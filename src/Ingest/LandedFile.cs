using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Zip;
using Microsoft.Win32.SafeHandles;
using Mono.Unix.Native;

namespace NbaLake.Ingest;

/// <summary>The file system's name for one file: its device and inode, as the landing scan saw it.</summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode);

/// <summary>
/// A landed file and the source it was matched to: a CSV, a gzipped CSV (<c>games.csv.gz</c>), or a CSV inside a zip
/// archive (<paramref name="Member"/>, the entry's full name). <paramref name="Identity"/> is the file the landing scan
/// saw; it is the only file <see cref="Open"/> reads.
/// </summary>
public sealed record LandedFile(string Path, SourceDefinition Source, string? Member = null, FileIdentity? Identity = null)
{
    /// <summary>The name lineage records (<c>_source_file</c>): the file's name, or <c>archive.zip!member.csv</c>.</summary>
    public string Name => Member is null ? System.IO.Path.GetFileName(Path) : $"{System.IO.Path.GetFileName(Path)}!{Member}";

    /// <summary>Whether the CSV is read through a decompressor (its size on disk says little about its rows).</summary>
    public bool Compressed => Member is not null || Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The CSV's bytes, decompressed as they are read: nothing is unpacked to disk. SharpZipLib's readers check the
    /// CRC-32 and length of what they inflate and throw at the end of a damaged member (<see cref="IsDamage"/>); .NET's
    /// GZipStream and ZipArchive end quietly at a cut or pass corrupt deflate data, which would ingest part of a file.
    /// The file is opened with <see cref="OpenRegular"/>: never through a link, and only if it is still the file the scan saw.
    /// </summary>
    public Stream Open()
    {
        var file = OpenRegular(Path, Identity, System.IO.Path.GetFileName(Path));
        if (Member is null)
        {
            return Compressed ? new GZipInputStream(file) : file;
        }
        var archive = new ZipFile(file, leaveOpen: false);
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

    /// <summary>
    /// Opens a landed file for reading without following a symbolic link (<c>O_NOFOLLOW</c>) or blocking on a pipe
    /// (<c>O_NONBLOCK</c>), then checks the opened handle: a regular file with one name and, when the scan saw it, the
    /// same device and inode. What was checked is what is read, even if the name is swapped for a link or another file
    /// after the scan: otherwise <see cref="LandingChangedException"/>, and not a byte is read.
    /// </summary>
    public static Stream OpenRegular(string path, FileIdentity? identity, string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.OpenRead(path);
        }
        var fd = Syscall.open(path, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW | OpenFlags.O_NONBLOCK | OpenFlags.O_CLOEXEC);
        if (fd < 0)
        {
            var errno = Stdlib.GetLastError();
            throw errno switch
            {
                Errno.ENOENT => new FileNotFoundException($"{name} is gone", path),
                Errno.ELOOP => new LandingChangedException(name, "a symbolic link"),
                _ => new IOException($"{name} cannot be opened: {Mono.Unix.UnixMarshal.GetErrorDescription(errno)}"),
            };
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (Syscall.fstat(fd, out var stat) != 0)
            {
                throw new IOException($"{name} cannot be inspected: {Mono.Unix.UnixMarshal.GetErrorDescription(Stdlib.GetLastError())}");
            }
            var type = stat.st_mode & FilePermissions.S_IFMT;
            if (type != FilePermissions.S_IFREG)
            {
                throw new LandingChangedException(name, type == FilePermissions.S_IFDIR ? "a folder" : "something that is not a regular file (a pipe, a socket or a device)");
            }
            if (stat.st_nlink > 1)
            {
                throw new LandingChangedException(name, $"a hard link ({stat.st_nlink} names for the same file)");
            }
            if (identity is { } seen && (seen.Device != stat.st_dev || seen.Inode != stat.st_ino))
            {
                throw new LandingChangedException(name, "another file (it was moved or renamed over)");
            }
            return new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16);
        }
        catch
        {
            handle.Dispose();
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
/// A landed name that no longer names the regular file the landing scan saw when it is opened (swapped for a link, a
/// pipe, a hard link or another file): the file is refused by name and nothing of what the name now points at is read.
/// </summary>
public sealed class LandingChangedException(string name, string now)
    : IOException($"{name}: refused, it was replaced by {now} after the landing scan, and was not read: land the CSV file itself, as a regular file, and run again")
{
    /// <summary>The landed file's name.</summary>
    public string FileName { get; } = name;
}
