using System.Text;
using NbaLake.Ingest;
using NbaLake.Storage;
using Serilog.Core;

namespace NbaLake.Tests.Support;

/// <summary>A throw-away lake and landing folder, and the job run in-process against them as a user would run it.</summary>
public sealed class TempLake : IDisposable
{
    public TempLake(string? landing = null)
    {
        Root = NewRoot();
        Lake = Path.Combine(Root, "lake");
        Landing = landing ?? Path.Combine(Root, "landing");
        Directory.CreateDirectory(Landing);
    }

    /// <summary>
    /// The folder test lakes go in when set (<c>scripts/test</c> sets it to a RAM disk when there is one with room), else
    /// the system's temp folder. Set it empty to keep them on disk.
    /// </summary>
    public const string FolderVariable = "NBALAKE_TEST_TMPDIR";

    public string Root { get; }

    public string Lake { get; }

    public string Landing { get; }

    private static string NewRoot()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        return string.IsNullOrEmpty(folder)
            ? Directory.CreateTempSubdirectory("nbalake-test-").FullName
            : Directory.CreateDirectory(Path.Combine(folder, "nbalake-test-" + Path.GetRandomFileName())).FullName;
    }

    /// <summary>A new lake that ran once over a games.csv and a games_details.csv with <paramref name="settings"/>; the run must succeed.</summary>
    public static async Task<TempLake> RanAsync(string games, string details, params string[] settings)
    {
        var lake = new TempLake();
        lake.Land("games.csv", games);
        lake.Land("games_details.csv", details);
        var (code, output) = await lake.RunAsync("run", settings);
        Assert.True(code == ExitCodes.Success, output);
        return lake;
    }

    /// <summary>Drops a file into landing (UTF-8, no BOM); never into a shared landing folder (a fixture, real data) other tests read.</summary>
    public void Land(string name, string content)
    {
        if (!Landing.StartsWith(Root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Landing} is shared with other tests: copy it into a TempLake of its own (LandFolder) before landing more");
        }
        File.WriteAllText(Path.Combine(Landing, name), content, new UTF8Encoding(false));
    }

    /// <summary>Copies every file of a folder into landing.</summary>
    public void LandFolder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv"))
        {
            File.Copy(file, Path.Combine(Landing, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>Runs <c>nbalake &lt;command&gt; --lake … [--landing …] [--quiet]</c> plus <paramref name="extra"/>.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string command, params string[] extra)
    {
        using var output = new StringWriter();
        var code = await Cli.InvokeAsync([.. Arguments(command, extra, quiet: true)], output, TestContext.Current.CancellationToken);
        return (code, output.ToString());
    }

    /// <summary>
    /// Runs <c>nbalake &lt;command&gt;</c> as <see cref="RunAsync(string, string[])"/> does, but not quiet, printing to
    /// <paramref name="output"/>: every log line goes through it as it is written, so a test can act at a given line.
    /// </summary>
    public async Task<int> RunAsync(TextWriter output, string command, params string[] extra) =>
        await Cli.InvokeAsync([.. Arguments(command, extra, quiet: false)], output, TestContext.Current.CancellationToken);

    private List<string> Arguments(string command, string[] extra, bool quiet)
    {
        List<string> args = [command, "--lake", Lake];
        if (!extra.Contains("--config"))
        {
            // An empty settings file: the defaults, whatever pipeline.json the working folder has.
            File.WriteAllText(Path.Combine(Root, "none.json"), "{}");
            args.AddRange(["--config", Path.Combine(Root, "none.json")]);
        }
        if (quiet && command is "run" or "ingest" or "transform" or "publish")
        {
            args.Add("--quiet");
        }
        if (command is "run" or "ingest")
        {
            args.AddRange(["--landing", Landing]);
        }
        args.AddRange(extra);
        return args;
    }

    /// <summary>Runs the ingest step itself through the runner (no host), for tests that look at its report.</summary>
    public async Task<StepReport> IngestAsync(SourcesOptions? sources = null)
    {
        var layout = new LakeLayout(Lake, Landing);
        var store = new TableStore(layout, "20260101T000000000Z-test", Logger.None);
        var runner = new Runner(store, _ => new IngestStage(layout, sources ?? new SourcesOptions(), Logger.None), Logger.None);
        return (await runner.RunAsync(LakeTables.All, d => d.Table.Layer == "bronze", TestContext.Current.CancellationToken)).Single();
    }

    /// <summary>Rows of a DuckDB query over a table of this lake; <c>{t}</c> in <paramref name="sql"/> stands for the table.</summary>
    public List<string> Query(string layer, string table, string sql)
    {
        using var duck = new Duck();
        return duck.Rows(sql.Replace("{t}", Duck.ReadTable(Table(layer, table)), StringComparison.Ordinal));
    }

    /// <summary>The folder of a table, as readers address it.</summary>
    public string Table(string layer, string name) => Path.Combine(Lake, layer, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test on clean-up.
        }
    }
}
