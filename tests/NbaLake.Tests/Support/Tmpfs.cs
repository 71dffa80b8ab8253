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

    public void Remount(string options) => Run("mount", "-o", $"remount,{options}", Path);

    public void Dispose() => Run("umount", "-l", Path);

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed ({error.Trim()}): these tests need root, as CI has");
    }
}
