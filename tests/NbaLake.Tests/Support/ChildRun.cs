using System.Diagnostics;
using System.Text;

namespace NbaLake.Tests.Support;

/// <summary>
/// The job as a separate process (<c>dotnet nbalake.dll …</c>), for tests that kill it, race two of them, or give it
/// environment variables (which would leak into other tests in process).
/// </summary>
public sealed class ChildRun : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();

    /// <summary><c>nbalake run</c> on the lake and its landing folder, with the default settings and <paramref name="extra"/>.</summary>
    public ChildRun(TempLake lake, params string[] extra)
        : this(lake, "run", new Dictionary<string, string>(), extra)
    {
    }

    /// <summary><c>nbalake &lt;command&gt;</c> (run, ingest or validate) with extra environment variables.</summary>
    public ChildRun(TempLake lake, string command, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = lake.Root,
        };
        File.WriteAllText(Path.Combine(lake.Root, "none.json"), "{}");
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "nbalake.dll"), command, "--lake", lake.Lake, "--landing", lake.Landing,
            "--config", Path.Combine(lake.Root, "none.json"), .. extra])
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>The next line the job printed, or null when it has exited; a job silent for <see cref="Timeouts.Child"/> is killed and fails the test.</summary>
    public Task<string?> ReadLineAsync() => BoundAsync(process.StandardOutput.ReadLineAsync(), "printed no line");

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
        process.WaitForExit(Timeouts.Child);
    }

    /// <summary>
    /// Whether the job ended by <see cref="Kill"/>'s SIGKILL, that is, the kill landed while it was still running; false
    /// while it runs and when it had exited on its own first. .NET reports a process ended by a signal as 128 + the
    /// signal's number: 137 for SIGKILL (9), which no exit code of the job uses.
    /// </summary>
    public bool DiedOfKill => process.HasExited && process.ExitCode == 128 + 9;

    /// <summary>
    /// Reads the output to the end and returns the exit code and what it printed (standard error after standard output);
    /// a job still running after <see cref="Timeouts.Child"/> is killed and fails the test.
    /// </summary>
    public async Task<(int ExitCode, string Output)> WaitAsync()
    {
        var output = await BoundAsync(process.StandardOutput.ReadToEndAsync(), "did not finish its output");
        await BoundAsync(process.WaitForExitAsync(), "did not exit");
        lock (errors)
        {
            return (process.ExitCode, output + errors);
        }
    }

    /// <summary>
    /// Waits for <paramref name="task"/> at most <see cref="Timeouts.Child"/>, and no longer than the test may run (its
    /// timeout cancels the test's token): a hung job is killed, so the pipe closes and no process outlives the test.
    /// </summary>
    private async Task<T> BoundAsync<T>(Task<T> task, string what)
    {
        await BoundAsync((Task)task, what);
        return await task;
    }

    private async Task BoundAsync(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Timeouts.Child, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"nbalake {what} within {Timeouts.Child.TotalSeconds:0} s: killed it");
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
