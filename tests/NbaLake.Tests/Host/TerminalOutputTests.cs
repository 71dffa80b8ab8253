using System.Diagnostics;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

/// <summary>What a run prints: live progress and a summary table on a terminal, plain log lines when redirected (cron).</summary>
public class TerminalOutputTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task On_a_terminal_run_shows_live_progress_per_stage_and_ends_with_a_summary_table()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        File.WriteAllText(Path.Combine(lake.Root, "none.json"), "{}");
        var job = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "nbalake.dll"), "run", "--lake", lake.Lake,
            "--landing", lake.Landing, "--config", Path.Combine(lake.Root, "none.json") }.Select(a => $"'{a}'"));

        // script(1) runs the job on a pseudo-terminal, as a person's shell would.
        var (code, output) = await RunAsync("script", "-qfec", job, "/dev/null");

        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("\u001b[", output, StringComparison.Ordinal); // the display redraws with escape codes
        var text = System.Text.RegularExpressions.Regex.Replace(output, @"\u001b(\[[0-9;?]*[A-Za-z]|[=>])", "");
        foreach (var stage in new[] { "ingest", "transform", "publish" })
        {
            Assert.Matches(stage + @"\s+\d+ files\s+[\d,]+ rows written\s+[\d,]+ rows/s", text);
        }
        Assert.Contains("Run finished with exit code 0 (success)", text, StringComparison.Ordinal);
        Assert.Matches(@"│   silver\.fct_game_details\s+│\s+[\d,]+ │", text);
        Assert.Contains("LAL won the most games: 7 of the 8 it played.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" INF] ", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Redirected_output_is_plain_log_lines_and_quiet_and_verbose_change_how_many()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));

        var plain = await ChildAsync(lake);
        var verbose = await ChildAsync(lake, "--verbose", "--Publish:StretchGames=3");
        var quiet = await ChildAsync(lake, "--quiet", "--Publish:StretchGames=4");

        Assert.Equal(ExitCodes.Success, plain.ExitCode);
        Assert.Equal(ExitCodes.Success, verbose.ExitCode);
        Assert.Equal(ExitCodes.Success, quiet.ExitCode);
        Assert.DoesNotContain("\u001b", plain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("rows/s", plain.Output, StringComparison.Ordinal);
        Assert.Matches(@"\[\d\d:\d\d:\d\d INF\] ingest\s+Committed bronze\.games v1", plain.Output);
        Assert.DoesNotContain(" DBG] ", plain.Output, StringComparison.Ordinal);
        Assert.Matches(@"\[\d\d:\d\d:\d\d DBG\] publish\s+Wrote gold\.answers/data/part-00000-[0-9a-f]{16}\.parquet: 5 rows", verbose.Output);
        Assert.DoesNotContain(" INF] ", quiet.Output, StringComparison.Ordinal);
        Assert.Contains("\nThe answers\n  q1  Who scored the most points playing for one team?\n", quiet.Output, StringComparison.Ordinal);
        Assert.Contains("      LAL won the most games: 7 of the 8 it played.\n", quiet.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Quiet_and_verbose_together_are_refused()
    {
        using var lake = new TempLake();

        var (code, output) = await lake.RunAsync("run", "--verbose");

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--quiet and --verbose contradict each other", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> ChildAsync(TempLake lake, params string[] extra)
    {
        using var child = new ChildRun(lake, extra);
        return await child.WaitAsync();
    }

    private static async Task<(int, string)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["TERM"] = "xterm-256color";
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // the test timed out: the job must not outlive it
            throw;
        }
        return (process.ExitCode, await output + await error);
    }
}
