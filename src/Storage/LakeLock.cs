using System.Diagnostics;
using System.Globalization;

namespace NbaLake.Storage;

/// <summary>
/// One writer per lake: an exclusive lock on <c>_meta/lock</c>, held for the whole run. The operating system drops
/// the lock when its process dies (SIGKILL, power loss), so a dead run never blocks the next one; the
/// <c>lock.owner</c> note it leaves behind tells the next run whose lock it took over.
/// </summary>
public sealed class LakeLock : IDisposable
{
    private readonly FileStream stream;
    private readonly string ownerFile;

    private LakeLock(FileStream stream, string ownerFile, string? previousOwner)
    {
        this.stream = stream;
        this.ownerFile = ownerFile;
        PreviousOwner = previousOwner;
    }

    /// <summary>The owner note of a run that died holding the lock, or null after a clean release.</summary>
    public string? PreviousOwner { get; }

    /// <summary>Takes the lock, or returns null with who holds it.</summary>
    public static LakeLock? TryAcquire(LakeLayout layout, string runId, out string? holder)
    {
        Directory.CreateDirectory(layout.Meta);
        var ownerFile = Path.Combine(layout.Meta, "lock.owner");
        FileStream stream;
        try
        {
            // On Unix .NET takes FileShare.None as an exclusive flock(2): released by the kernel when the process ends.
            stream = new FileStream(Path.Combine(layout.Meta, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            holder = File.Exists(ownerFile) ? File.ReadAllText(ownerFile).Trim() : "another run";
            return null;
        }
        holder = null;
        var previous = File.Exists(ownerFile) ? File.ReadAllText(ownerFile).Trim() : null;
        File.WriteAllText(ownerFile, string.Create(CultureInfo.InvariantCulture,
            $"run {runId} (pid {Environment.ProcessId} on {Environment.MachineName}, started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z)"));
        return new LakeLock(stream, ownerFile, previous);
    }

    /// <summary>
    /// The lock for a command that only reads (<c>nbalake verify</c>), so no run changes files under it; on a read-only
    /// lake, which no run can write, none is needed and none is taken. <paramref name="holder"/> is set when another run holds it.
    /// </summary>
    public static LakeLock? TryAcquireUnlessReadOnly(LakeLayout layout, string runId, out string? holder)
    {
        try
        {
            return TryAcquire(layout, runId, out holder);
        }
        catch (IOException e) when (e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase))
        {
            holder = null;
            return null;
        }
    }

    /// <summary>
    /// Whether opening failed because another process holds the lock: EWOULDBLOCK from flock on Linux (11) and macOS
    /// (35), ERROR_SHARING_VIOLATION on Windows. Anything else (a read-only or full disk) is a real failure.
    /// </summary>
    private static bool IsHeldElsewhere(IOException e) => e.HResult is 11 or 35 || (e.HResult & 0xFFFF) == 32;

    /// <summary>The run id in an owner note written by <see cref="TryAcquire"/>.</summary>
    public static string? RunIdOf(string? owner) => owner?.StartsWith("run ", StringComparison.Ordinal) == true ? owner.Split(' ')[1] : null;

    public void Dispose()
    {
        File.Delete(ownerFile);
        stream.Dispose();
        Debug.Assert(!File.Exists(ownerFile));
    }
}
