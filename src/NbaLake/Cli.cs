using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NbaLake.Activate;
using NbaLake.Activate.Catalog;
using NbaLake.Activate.Report;
using NbaLake.Generate;
using NbaLake.Ingest;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Terminal;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Spectre.Console;

namespace NbaLake;

/// <summary>The <c>nbalake</c> command line: commands, their options, and the host each job command runs in.</summary>
public sealed partial class Cli(TextWriter stdout, TextWriter stderr)
{
    private const string Overrides = "any setting can also be given as --Section:Key=value, e.g. --Publish:StretchGames=82.";

    private readonly Option<string?> ConfigOption = new("--config") { Description = "Settings file (default: pipeline.json in the working folder)." };
    private readonly Option<string?> JobConfigOption = new("--config") { Description = "Settings file (default: pipeline.json in the working folder); " + Overrides };
    private readonly Option<string?> LakeOption = new("--lake") { Description = "Lake root folder (overrides Lake:Root)." };
    private readonly Option<string?> LandingOption = new("--landing") { Description = "Landing folder (overrides Lake:Landing)." };
    private readonly Option<bool> QuietOption = new("--quiet", "-q") { Description = "Console shows warnings and errors only, no progress (the JSON log file keeps everything)." };
    private readonly Option<bool> VerboseOption = new("--verbose", "-v") { Description = "Console shows every log line, debug ones too (each file written), instead of the live progress." };
    private readonly Argument<string> LayerArgument = new("layer") { Description = "The layer to rebuild: silver (from bronze; gold follows) or gold (from silver)." };

    /// <summary>Parses and runs a command line; returns the process exit code. <paramref name="output"/> replaces the console (tests).</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, CancellationToken ct = default) =>
        new Cli(output ?? Console.Out, output ?? Console.Error).InvokeAsync(args, ct);

    private async Task<int> InvokeAsync(string[] args, CancellationToken ct)
    {
        var root = new RootCommand("NbaLake: NBA box scores from landing CSVs to bronze, silver and gold Parquet. In the commands that run the job, and in validate, " + Overrides)
        {
            JobCommand("run", "Ingest, transform and publish: the whole job.", Stages.All, withLanding: true),
            JobCommand("ingest", "Landing CSVs → bronze (each file's content once).", Stages.Ingest, withLanding: true),
            JobCommand("transform", "Bronze → silver (typed, deduplicated, joined; rejects with reasons).", Stages.Transform, withLanding: false),
            JobCommand("publish", "Silver → gold (aggregates, windows, answers).", Stages.Publish, withLanding: false),
            ValidateCommand(), AnswersCommand(), StatusCommand(), CatalogCommand(), HistoryCommand(), RestoreCommand(), VerifyCommand(),
            JobCommand("rebuild",
                "Rebuild a layer's tables from the layer below, writing every file anew (silver from bronze, then gold; or gold from silver): the fix for a damaged silver or gold table.",
                Stages.Transform | Stages.Publish, withLanding: false, layer: LayerArgument),
            GenerateCommand.Create(stdout, stderr, ExitCodes.BadUsage, ExitCodes.Failure),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"nbalake: {error.Message}");
            }
            await stderr.WriteLineAsync("Run 'nbalake --help' for the commands and options.");
            return ExitCodes.BadUsage;
        }
        // A failure of the disk or of the lake's files ends a command with what to do, never a stack trace.
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var aboutLake = parsed.CommandResult.Command.Options.Contains(LakeOption);
            var layout = aboutLake && TryLoadSettings(parsed, false, out _, out var l, quiet: true) ? l : new LakeLayout("lake", "lake/landing");
            // A file that cannot be read is often a damaged one (cut, changed, or gone): then the damage is the message.
            if (aboutLake && LakeFailures.DamageBehind(e, new TableStore(layout, "check", Serilog.Core.Logger.None)) is { } damaged)
            {
                await WriteDamageAsync(damaged, layout);
                return ExitCodes.LakeDamaged;
            }
            if (!LakeFailures.IsExpected(e))
            {
                throw; // a bug: its stack trace is what a report of it needs
            }
            await stderr.WriteLineAsync($"nbalake: {e.Message} To fix: {LakeFailures.Fix(e, layout)}");
            return ExitCodes.Of(e);
        }
    }

    /// <summary>
    /// Starts, on the second core, the first-use costs every job pays later on its one busy thread: the table
    /// definitions, the native Parquet library, the JSON contracts, the docs the catalog quotes and, when the command
    /// publishes, the chart library (a run that finds nothing new is mostly these, and a report's first chart pays for
    /// the last). Nothing waits for it; what it has not built yet is built by its first use.
    /// </summary>
    private static void WarmUp(Stages stages) => _ = Task.Run(() =>
    {
        var tables = LakeTables.All;
        LandingIndex.Warm();
        TableStore.Warm();
        LakeViews.Warm(tables, report: stages.HasFlag(Stages.Publish));
    });

    private Command JobCommand(string name, string description, Stages stages, bool withLanding, Argument<string>? layer = null)
    {
        var command = new Command(name, description) { JobConfigOption, LakeOption, QuietOption, VerboseOption };
        command.TreatUnmatchedTokensAsErrors = false;
        if (withLanding)
        {
            command.Options.Add(LandingOption);
        }
        if (layer is not null)
        {
            command.Arguments.Add(layer);
        }
        command.SetAction(async (parsed, ct) =>
        {
            WarmUp(stages);
            if (!TryLoadSettings(parsed, withLanding, out var options, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            var (run, rebuild) = (stages, (IReadOnlyList<TableId>)[]);
            if (layer is not null)
            {
                var from = Array.IndexOf(LakeFailures.RebuildableLayers, parsed.GetValue(layer));
                if (from < 0)
                {
                    await stderr.WriteLineAsync($"nbalake rebuild: {LakeFailures.CannotRebuild(parsed.GetValue(layer))}");
                    return ExitCodes.BadUsage;
                }
                var layers = LakeFailures.RebuildableLayers[from..];
                rebuild = [.. LakeTables.All.Where(d => layers.Contains(d.Table.Layer)).Select(d => d.Table)];
                run = from == 0 ? Stages.Transform | Stages.Publish : Stages.Publish;
            }
            if (run.HasFlag(Stages.Ingest) && !await LandingExistsAsync(layout))
            {
                return ExitCodes.BadUsage;
            }
            var (quiet, verbose) = (parsed.GetValue(QuietOption), parsed.GetValue(VerboseOption));
            if (quiet && verbose)
            {
                await stderr.WriteLineAsync("nbalake: --quiet and --verbose contradict each other: give one of them.");
                return ExitCodes.BadUsage;
            }
            var runId = RunId.New(DateTime.UtcNow);
            if (!quiet && !verbose && IsInteractiveTerminal())
            {
                return await RunLiveAsync(options, layout, runId, run, rebuild, ct);
            }
            using var host = BuildHost(options, layout, runId, quiet ? LogEventLevel.Warning : verbose ? LogEventLevel.Debug : LogEventLevel.Information, stdout);
            return await host.Services.GetRequiredService<Job>().RunAsync(run, ct, rebuild);
        });
        return command;
    }

    /// <summary>Live progress is for a person at a terminal: not when output goes to a file or a pipe (cron), nor in tests.</summary>
    private bool IsInteractiveTerminal() =>
        ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Runs the job under a live progress display fed by its own log events, then prints the warnings, a summary
    /// table, the quality summary and the answers.
    /// </summary>
    private async Task<int> RunLiveAsync(PipelineOptions options, LakeLayout layout, string runId, Stages stages, IReadOnlyList<TableId> rebuild, CancellationToken ct)
    {
        var report = new StringWriter();
        LiveProgressSink? sink = null;
        Job? job = null;
        var code = await AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                sink = new LiveProgressSink(context);
                using var host = BuildHost(options, layout, runId, LogEventLevel.Information, report, sink);
                job = host.Services.GetRequiredService<Job>();
                var result = await job.RunAsync(stages, ct, rebuild);
                sink.Complete();
                return result;
            });
        foreach (var (level, message) in sink!.Problems)
        {
            AnsiConsole.MarkupLine(level >= LogEventLevel.Error ? $"[red]{Markup.Escape(message)}[/]" : $"[yellow]{Markup.Escape(message)}[/]");
        }
        if (job!.LastRun.Count > 0)
        {
            AnsiConsole.Write(RunSummary.Render(job.LastRun, code));
        }
        await stdout.WriteAsync(report.ToString());
        await stdout.WriteLineAsync($"Log: {Path.Combine(layout.Logs, $"run-{runId}.json")}  Report: {Path.Combine(layout.Root, ReportPage.RelativePath)}  Catalog: {Path.Combine(layout.Root, CatalogWriter.MarkdownFile)}");
        return code;
    }

    /// <summary>Whether the landing folder exists; if not, says so and how to fix it.</summary>
    private async Task<bool> LandingExistsAsync(LakeLayout layout)
    {
        if (Directory.Exists(layout.Landing))
        {
            return true;
        }
        await stderr.WriteLineAsync($"nbalake: {LandingScan.Missing(layout.Landing)}");
        return false;
    }

    private Command ValidateCommand()
    {
        var command = new Command("validate",
            "Check the settings and the landing files (globs, headers, delimiter, records, values) and say what a run would do, writing nothing. Exit code as a run's: 0, 2 for bad settings, 3 when a file would be refused.")
        {
            JobConfigOption, LakeOption, LandingOption,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parsed, ct) => !TryLoadSettings(parsed, true, out var options, out var layout) || !await LandingExistsAsync(layout)
            ? ExitCodes.BadUsage
            : await new Validation(options, layout, stdout).RunAsync(ct));
        return command;
    }

    private Command AnswersCommand()
    {
        var json = new Option<bool>("--json") { Description = "Print the answers as JSON (the gold answers table's columns)." };
        var command = new Command("answers", "Print the five answers from the current gold.") { ConfigOption, LakeOption, json };
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadSettings(parsed, false, out _, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            var store = OpenStore(layout, "answers");
            var answers = await PublishStage.ReadAnswersAsync(layout, ct);
            if (answers.Count == 0 && store.DamagedTables().Where(d => d.Table == Answers.Table).ToList() is { Count: > 0 } damaged)
            {
                throw new LakeDamagedException(damaged); // committed answers whose files are gone are not "no answers yet"
            }
            if (answers.Count == 0)
            {
                await stderr.WriteLineAsync($"nbalake: no gold answers in '{layout.Root}' yet: run 'nbalake run' first.");
                return ExitCodes.Failure;
            }
            if (parsed.GetValue(json))
            {
                AnswersPrinter.PrintJson(answers, stdout);
            }
            else
            {
                AnswersPrinter.Print(answers, stdout);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private bool TryLoadSettings(ParseResult parsed, bool withLanding, out PipelineOptions options, out LakeLayout layout, bool quiet = false)
    {
        try
        {
            (options, layout) = Settings.Load(
                parsed.GetValue<string?>("--config"), parsed.UnmatchedTokens, parsed.GetValue(LakeOption), withLanding ? parsed.GetValue(LandingOption) : null);
            return true;
        }
        catch (SettingsException e)
        {
            if (!quiet)
            {
                stderr.WriteLine($"nbalake: {e.Message}");
            }
            (options, layout) = (null!, null!);
            return false;
        }
    }

    private static IHost BuildHost(PipelineOptions options, LakeLayout layout, string runId, LogEventLevel console, TextWriter output, LiveProgressSink? live = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        var logger = CreateLogger(layout, runId, console, output, live);
        builder.Services.AddSerilog(logger, dispose: true);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(layout);
        builder.Services.AddSingleton(new TableStore(layout, runId, logger, options.Lake.KeepVersions));
        // What the build steps are made with (Runner creates them from their definitions' types).
        builder.Services.AddSingleton<ILogger>(logger);
        builder.Services.AddSingleton(options.Sources);
        builder.Services.AddSingleton(options.Publish);
        builder.Services.AddSingleton(options.Quality);
        builder.Services.AddSingleton(sp => new Job(options, layout, sp.GetRequiredService<TableStore>(), sp, logger, output));
        return builder.Build();
    }

    /// <summary>
    /// A JSON log file per run under the lake, and on the console either readable log lines from <paramref name="console"/>
    /// up or, on an interactive terminal, the live progress sink; every event carries RunId and Stage.
    /// </summary>
    private static Serilog.Core.Logger CreateLogger(LakeLayout layout, string runId, LogEventLevel console, TextWriter output, LiveProgressSink? live)
    {
        // The console says what failed and what to do; stack traces go to the JSON log file (and to the console with --verbose).
        var template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Stage,-9} {Message:lj}{NewLine}" + (console == LogEventLevel.Debug ? "{Exception}" : "");
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(console == LogEventLevel.Debug ? LogEventLevel.Debug : LogEventLevel.Information)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("RunId", runId)
            .Enrich.WithProperty("Stage", "job")
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(layout.Logs, $"run-{runId}.json"));
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        config = live is not null ? config.WriteTo.Sink(live)
            : ReferenceEquals(output, Console.Out) ? config.WriteTo.Console(restrictedToMinimumLevel: console, outputTemplate: template, formatProvider: invariant)
            : config.WriteTo.Sink(new TextWriterSink(output, new Serilog.Formatting.Display.MessageTemplateTextFormatter(template, invariant)), console);
        return config.CreateLogger();
    }
}
