using System.Diagnostics;

namespace NbaLake.Tests.Support;

/// <summary>The job as a separate process (<c>dotnet nbalake.dll …</c>), for tests that kill it or race two of them.</summary>
public sealed class ChildRun : IDisposable
{
    private readonly Process process;

    public ChildRun(TempLake lake, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = lake.Root,
        };
        File.WriteAllText(Path.Combine(lake.Root, "none.json"), "{}");
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "nbalake.dll"), "run", "--lake", lake.Lake, "--landing", lake.Landing,
            "--config", Path.Combine(lake.Root, "none.json"), .. extra])
        {
            start.ArgumentList.Add(arg);
        }
        process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
    }

    /// <summary>The next line the job printed, or null when it has exited.</summary>
    public Task<string?> ReadLineAsync() => process.StandardOutput.ReadLineAsync();

    /// <summary>Kills the job at once: SIGKILL on Unix, as a power cut or the OOM killer would.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        process.WaitForExit();
    }

    /// <summary>Reads the output to the end and returns the exit code.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync()
    {
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
