using System.Runtime.InteropServices;

namespace NbaLake.Storage;

/// <summary>The file-system primitives the commit protocol rests on: hard links, atomic renames of links, fsync.</summary>
internal static partial class FileOps
{
    /// <summary>Makes <paramref name="link"/> a second name of <paramref name="existing"/> (a copy where hard links are not available).</summary>
    public static void HardLink(string existing, string link)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (OperatingSystem.IsWindows() || Link(existing, link) != 0)
        {
            File.Copy(existing, link);
        }
    }

    /// <summary>
    /// Points the symbolic link <paramref name="link"/> at <paramref name="target"/> in one step: a new link is made
    /// beside it and renamed over it, and rename(2) replaces a link atomically, so a reader resolves the old target
    /// or the new one, never nothing. (Windows has no such rename for links: there the old link is removed first.)
    /// </summary>
    public static void PointLink(string link, string target)
    {
        var temp = Path.Combine(Path.GetDirectoryName(link)!, "." + Path.GetFileName(link) + ".link-tmp");
        DeleteLink(temp);
        Directory.CreateSymbolicLink(temp, target);
        if (OperatingSystem.IsWindows())
        {
            DeleteLink(link);
            Directory.Move(temp, link);
            return;
        }
        if (Rename(temp, link) != 0)
        {
            throw new IOException($"Could not point {link} at {target}: rename failed with errno {Marshal.GetLastPInvokeError()}.");
        }
        SyncDirectory(Path.GetDirectoryName(link)!);
    }

    /// <summary>Renames a file within one file system, replacing the target atomically.</summary>
    public static void ReplaceFile(string source, string target)
    {
        File.Move(source, target, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(target)!);
    }

    /// <summary>Whether <paramref name="path"/> is a symbolic link (to anything, even a missing target).</summary>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>Removes a symbolic link (not what it points at), if it exists.</summary>
    public static void DeleteLink(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    /// <summary>Flushes a directory's entries (the renames in it) to disk, where the platform allows it.</summary>
    public static void SyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var fd = Open(path, 0);
        if (fd >= 0)
        {
            _ = Fsync(fd);
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string link);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string source, string target);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
