using System.Diagnostics;

namespace NbaLake.Tests.Support;

/// <summary>A small tmpfs mounted for one test (the tests run as root, as CI does), to make a real full or read-only disk.</summary>
public sealed class Tmpfs : IDisposable
{
    public Tmpfs(string path, string size)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
    }

    public string Path { get; }

    /// <summary>
    /// Remounts with <paramref name="options"/>. A read-only remount waits while the mount is busy: Arrow C++ opens the
    /// Parquet files it writes without O_CLOEXEC, so a child process another test starts meanwhile (a job, node,
    /// Chromium) can inherit a file of this lake open for writing and keep the mount busy until it exits. The job
    /// itself starts no processes.
    /// </summary>
    public void Remount(string options)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Try("mount", ["-o", $"remount,{options}", Path]) is { } error)
        {
            Assert.True(error.Contains("busy", StringComparison.Ordinal) && DateTime.UtcNow < deadline, Failed("mount", ["-o", $"remount,{options}", Path], error));
            Thread.Sleep(250);
        }
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static void Run(string file, params string[] args)
    {
        if (Try(file, args) is { } error)
        {
            Assert.Fail(Failed(file, args, error));
        }
    }

    /// <summary>Runs the command; null when it succeeded, else what it wrote to standard error.</summary>
    private static string? Try(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : error.Trim();
    }

    private static string Failed(string file, string[] args, string error) =>
        $"{file} {string.Join(' ', args)} failed ({error}): these tests need root, as CI has";
}
