using System.Diagnostics;
using System.Text.RegularExpressions;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

/// <summary>
/// The job as it is deployed: <c>dotnet publish -r linux-x64</c> compiles it ahead of time (Native AOT), where
/// reflection has only what the build kept (NbaLake's assemblies whole, ParquetSharp's typed readers and writers named
/// in <c>src/NbaLake/aot.rd.xml</c>, JSON and settings bound by generated code). These tests run that executable and
/// hold what it does to what the tests' own build does with the same input: a code path the native build lacks fails
/// here, not on the scheduler's first night.
/// </summary>
public sealed partial class NativeBuildTests(NativeBuildTests.Published published) : IClassFixture<NativeBuildTests.Published>
{
    [Fact(Timeout = Published.Minutes * 60_000)]
    public async Task The_native_job_writes_the_lake_the_tests_build_writes_and_its_commands_answer_alike()
    {
        var (native, managed) = Pair();
        using var _ = native;
        using var __ = managed;

        // A first run, a run that finds nothing new, and a run after a second drop: the later runs read what the first
        // wrote (the landing index, the commit logs, the previous catalog, publish's cache, the report's view).
        foreach (var drop in (string?[])[null, null, "small"])
        {
            if (drop is not null)
            {
                foreach (var lake in (TempLake[])[native, managed])
                {
                    File.Copy(Path.Combine(Repo.Fixture(drop), "games.csv"), Path.Combine(lake.Landing, "games_more.csv"));
                    File.Copy(Path.Combine(Repo.Fixture(drop), "games_details.csv"), Path.Combine(lake.Landing, "games_details_more.csv"));
                }
            }
            var run = await published.RunAsync(native, "run", "--landing", native.Landing, "--quiet");
            var (code, output) = await managed.RunAsync("run");
            Assert.True(run.ExitCode == ExitCodes.Success, run.Output);
            Assert.True(code == ExitCodes.Success, output);
            AssertSameSilverAndGold(managed, native);
        }
        // The catalog (JSON contracts, the code's docs beside the executable) and the report (charts, the view).
        Assert.Contains("raw, lossless, append-only", File.ReadAllText(Path.Combine(native.Lake, "catalog.json")), StringComparison.Ordinal);
        foreach (var file in (string[])["catalog.json", "CATALOG.md", "reports/index.html"])
        {
            Assert.Equal(Neutral(managed, File.ReadAllText(Path.Combine(managed.Lake, file))), Neutral(native, File.ReadAllText(Path.Combine(native.Lake, file))));
        }
        // Commands that read the lake print the same, but for the lake's own path and times.
        foreach (var command in (string[][])[["answers", "--json"], ["catalog", "--json"], ["catalog", "--table", "gold.answers", "--json"], ["history", "gold.answers"], ["status"], ["verify"]])
        {
            var ours = await published.RunAsync(native, [command[0], .. command[1..]]);
            var theirs = await managed.RunAsync(command[0], command[1..]);
            Assert.True(ours.ExitCode == theirs.ExitCode, ours.Output);
            Assert.Equal(Neutral(managed, theirs.Output), Neutral(native, ours.Output));
        }
    }

    [Fact(Timeout = Published.Minutes * 60_000)]
    public async Task The_native_job_binds_settings_from_the_command_line_and_the_environment_and_refuses_bad_ones_alike()
    {
        var (native, managed) = Pair();
        using var _ = native;
        using var __ = managed;

        var stretch = await published.RunAsync(native, ["run", "--landing", native.Landing, "--quiet", "--Publish:StretchGames=82"],
            new Dictionary<string, string> { ["NBALAKE_Publish__StreakThreshold"] = "20" });
        Assert.True(stretch.ExitCode == ExitCodes.Success, stretch.Output);
        var (code, output) = await managed.RunAsync("run", "--Publish:StretchGames=82", "--Publish:StreakThreshold=20");
        Assert.True(code == ExitCodes.Success, output);
        var answers = await published.RunAsync(native, "answers");
        Assert.Contains("82-game stretch", answers.Output, StringComparison.Ordinal);
        Assert.Contains("over 20 points", answers.Output, StringComparison.Ordinal);
        Assert.Equal(Neutral(managed, (await managed.RunAsync("answers")).Output), Neutral(native, answers.Output));

        foreach (var bad in (string[])["--Publish:StretchGames=0", "--Lake:Bogus=1", "--Sources:Games:Encoding=ebcdic", "--Sources:Games:Mode=sometimes"])
        {
            var ours = await published.RunAsync(native, "validate", "--landing", native.Landing, bad);
            var theirs = await managed.RunAsync("validate", "--landing", managed.Landing, bad);
            Assert.Equal(ExitCodes.BadUsage, ours.ExitCode);
            Assert.Equal(ExitCodes.BadUsage, theirs.ExitCode);
            Assert.Equal(Neutral(managed, theirs.Output).Trim(), Neutral(native, ours.Output).Trim());
        }
    }

    /// <summary>
    /// Silver and gold are the same Parquet files, byte for byte. Left out: what holds the run's id or time (bronze, the
    /// rows of silver._rejects with their lineage, the Iceberg metadata); their row counts are in <c>status</c>, compared
    /// after the runs.
    /// </summary>
    private static void AssertSameSilverAndGold(TempLake managed, TempLake native)
    {
        foreach (var layer in (string[])["silver", "gold"])
        {
            var files = Files(managed.Lake, layer);
            Assert.NotEmpty(files);
            Assert.Equal(files, Files(native.Lake, layer));
            foreach (var file in files)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(managed.Lake, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(native.Lake, file))),
                    $"{file} differs between the native job and the tests' build");
            }
        }
    }

    /// <summary>A lake for the native job and one for the tests' build, each with the shipped sample landed.</summary>
    private static (TempLake Native, TempLake Managed) Pair()
    {
        var (native, managed) = (new TempLake(), new TempLake());
        native.LandFolder(Path.Combine(Repo.Root, "lake", "landing"));
        managed.LandFolder(Path.Combine(Repo.Root, "lake", "landing"));
        return (native, managed);
    }

    private static List<string> Files(string lake, string layer) =>
        [.. Directory.EnumerateFiles(Path.Combine(lake, layer), "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(lake, f))
            .Where(f => !f.Contains("_rejects", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Text with the lake's own place, run ids, times and durations blanked: what two lakes fed the same drops may differ
    /// in; and the report's chart keys, which name the build that drew (two builds' keys differ by design).
    /// </summary>
    private static string Neutral(TempLake lake, string text) =>
        ChartKeys().Replace(Durations().Replace(Times().Replace(RunIds().Replace(text.Replace(lake.Root, "<root>", StringComparison.Ordinal), "<run>"), "<time>"), "<ms>"),
            "data-key=\"<build>\"");

    [GeneratedRegex("data-key=\"[0-9a-f]+\"")]
    private static partial Regex ChartKeys();

    [GeneratedRegex(@"\d{8}T\d{6,9}Z-[0-9a-f]+")]
    private static partial Regex RunIds();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}| UTC)?")]
    private static partial Regex Times();

    [GeneratedRegex(@"\d[\d,.]* ?(ms|s)\b")]
    private static partial Regex Durations();

    /// <summary>The job published as deployed, once for these tests, into a folder of its own (its own build outputs too).</summary>
    public sealed class Published : IAsyncLifetime
    {
        /// <summary>How long publishing and one test may take: compiling ahead of time takes 1 to 3 minutes on 2 busy cores.</summary>
        public const int Minutes = 10;

        private readonly string folder = Directory.CreateTempSubdirectory("nbalake-native-").FullName;

        private string Executable => Path.Combine(folder, "bin", "nbalake");

        public async ValueTask InitializeAsync()
        {
            var (code, output) = await StartAsync("dotnet",
                ["publish", Path.Combine(Repo.Root, "src", "NbaLake"), "-c", "Release", "-r", "linux-x64", "-o", Path.Combine(folder, "bin"),
                    "--artifacts-path", Path.Combine(folder, "build"), "--nologo"],
                new Dictionary<string, string>(), TimeSpan.FromMinutes(Minutes));
            Assert.True(code == 0, "dotnet publish -r linux-x64 failed (the native build needs clang: scripts/test installs it)\n" + output);
            Assert.True(File.Exists(Executable) && !File.Exists(Path.Combine(folder, "bin", "nbalake.dll")), "the publish is not one native executable:\n" + output);
        }

        /// <summary>Runs the native job on a lake: <c>nbalake &lt;command&gt; --lake … --config {}</c> plus <paramref name="args"/>.</summary>
        public Task<(int ExitCode, string Output)> RunAsync(TempLake lake, params string[] args) => RunAsync(lake, args, new Dictionary<string, string>());

        public Task<(int ExitCode, string Output)> RunAsync(TempLake lake, string[] args, IReadOnlyDictionary<string, string> environment)
        {
            File.WriteAllText(Path.Combine(lake.Root, "none.json"), "{}");
            return StartAsync(Executable, [args[0], "--lake", lake.Lake, "--config", Path.Combine(lake.Root, "none.json"), .. args[1..]], environment, Timeouts.Child);
        }

        private static async Task<(int ExitCode, string Output)> StartAsync(string file, string[] args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            try
            {
                await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (process.ExitCode, await stdout + await stderr);
        }

        public ValueTask DisposeAsync()
        {
            Directory.Delete(folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
