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
        var temp = TempLinkPath(link);
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

    /// <summary>The name a new link is made under before it is renamed over <paramref name="link"/>.</summary>
    public static string TempLinkPath(string link) => Path.Combine(Path.GetDirectoryName(link)!, "." + Path.GetFileName(link) + ".link-tmp");

    /// <summary>
    /// Puts a symbolic link to <paramref name="target"/> where the folder <paramref name="folder"/> is, in one step: the
    /// link is made beside it and the two are exchanged by renameat2(2) with RENAME_EXCHANGE (Linux 3.15+), so a reader
    /// finds the folder or the link, never nothing. The folder is left at <see cref="TempLinkPath"/>. False, with nothing
    /// changed, where the system or file system cannot exchange two names.
    /// </summary>
    public static bool SwapFolderForLink(string folder, string target)
    {
        var temp = TempLinkPath(folder);
        DeleteLink(temp);
        Directory.CreateSymbolicLink(temp, target);
        if (!OperatingSystem.IsLinux() || RenameAt2(AtCurrentDirectory, temp, AtCurrentDirectory, folder, RenameExchange) != 0)
        {
            DeleteLink(temp);
            return false;
        }
        SyncDirectory(Path.GetDirectoryName(folder)!);
        return true;
    }

    private const int AtCurrentDirectory = -100, RenameExchange = 2;

    /// <summary>
    /// Makes <c>metadata</c> in a version folder the relative link <c>../metadata</c> to the table's Iceberg metadata
    /// folder (so <c>lake/&lt;layer&gt;/&lt;name&gt;/metadata/</c> resolves to it through the table link). A folder in its
    /// place, a copy made by following links, is swapped for the link in one step where the system can, else removed
    /// first. True when something had to change.
    /// </summary>
    public static bool LinkIcebergFolder(string versionFolder)
    {
        var path = Path.Combine(versionFolder, LakeLayout.IcebergFolderName);
        var target = Path.Combine("..", LakeLayout.IcebergFolderName);
        if (Directory.Exists(TempLinkPath(path)) && !IsLink(TempLinkPath(path)))
        {
            Directory.Delete(TempLinkPath(path), recursive: true); // a copy a swap below left when its run was killed
        }
        var info = new DirectoryInfo(path);
        if (info.LinkTarget == target)
        {
            return false;
        }
        if (info.LinkTarget is not null)
        {
            DeleteLink(path);
        }
        else if (info.Exists)
        {
            if (SwapFolderForLink(path, target))
            {
                Directory.Delete(TempLinkPath(path), recursive: true);
                return true;
            }
            Directory.Delete(path, recursive: true);
        }
        Directory.CreateSymbolicLink(path, target);
        return true;
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

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int sourceDir, string source, int targetDir, string target, uint flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
