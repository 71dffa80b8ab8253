using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NbaLake.Generate;
using NbaLake.Publish;
using NbaLake.Storage;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace NbaLake;

/// <summary>The <c>nbalake</c> command line: commands, their options, and the host each job command runs in.</summary>
public sealed partial class Cli(TextWriter stdout, TextWriter stderr)
{
    private readonly Option<string?> ConfigOption = new("--config") { Description = "Settings file (default: pipeline.json in the working folder)." };
    private readonly Option<string?> LakeOption = new("--lake") { Description = "Lake root folder (overrides Lake:Root)." };
    private readonly Option<string?> LandingOption = new("--landing") { Description = "Landing folder (overrides Lake:Landing)." };
    private readonly Option<bool> QuietOption = new("--quiet", "-q") { Description = "Console shows warnings and errors only (the JSON log file keeps everything)." };

    /// <summary>Parses and runs a command line; returns the process exit code. <paramref name="output"/> replaces the console (tests).</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, CancellationToken ct = default) =>
        new Cli(output ?? Console.Out, output ?? Console.Error).InvokeAsync(args, ct);

    private async Task<int> InvokeAsync(string[] args, CancellationToken ct)
    {
        var root = new RootCommand("NbaLake: NBA box scores from landing CSVs to bronze, silver and gold Parquet.");
        root.Subcommands.Add(JobCommand("run", "Ingest, transform and publish: the whole job.", Stages.All, withLanding: true));
        root.Subcommands.Add(JobCommand("ingest", "Landing CSVs → bronze (each file's content once).", Stages.Ingest, withLanding: true));
        root.Subcommands.Add(JobCommand("transform", "Bronze → silver (typed, deduplicated, joined; rejects with reasons).", Stages.Transform, withLanding: false));
        root.Subcommands.Add(JobCommand("publish", "Silver → gold (aggregates, windows, answers).", Stages.Publish, withLanding: false));
        root.Subcommands.Add(AnswersCommand());
        root.Subcommands.Add(StatusCommand());
        root.Subcommands.Add(CatalogCommand());
        root.Subcommands.Add(HistoryCommand());
        root.Subcommands.Add(RestoreCommand());
        root.Subcommands.Add(GenerateCommand());

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
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parsed.InvokeAsync(config, ct);
    }

    private Command JobCommand(string name, string description, Stages stages, bool withLanding)
    {
        var command = new Command(name, description + " Any setting can be overridden with --Section:Key=value, e.g. --Publish:StretchGames=82.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(ConfigOption);
        command.Options.Add(LakeOption);
        command.Options.Add(QuietOption);
        if (withLanding)
        {
            command.Options.Add(LandingOption);
        }
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadSettings(parsed, withLanding, out var options, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            if (stages.HasFlag(Stages.Ingest) && !Directory.Exists(layout.Landing))
            {
                await stderr.WriteLineAsync($"nbalake: the landing folder '{layout.Landing}' does not exist: create it, or set Lake:Landing in pipeline.json or --landing.");
                return ExitCodes.BadUsage;
            }
            var runId = RunId.New(DateTime.UtcNow);
            using var host = BuildHost(options, layout, runId, parsed.GetValue(QuietOption));
            return await host.Services.GetRequiredService<Job>().RunAsync(stages, ct);
        });
        return command;
    }

    private Command AnswersCommand()
    {
        var json = new Option<bool>("--json") { Description = "Print the answers as JSON (the gold answers table's columns)." };
        var command = new Command("answers", "Print the five answers from the current gold.") { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(ConfigOption);
        command.Options.Add(LakeOption);
        command.Options.Add(json);
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadSettings(parsed, false, out _, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            var answers = await PublishStage.ReadAnswersAsync(layout, ct);
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

    private Command GenerateCommand()
    {
        var outDir = new Option<string>("--out") { Description = "Folder to write games.csv, games_details.csv and teams.csv to.", Required = true };
        var seasons = new Option<int>("--seasons") { Description = "Number of seasons.", DefaultValueFactory = _ => GeneratorOptions.Default.Seasons };
        var teams = new Option<int>("--teams") { Description = "Number of teams (even, 4 to 60; past 30, made-up expansion teams).", DefaultValueFactory = _ => GeneratorOptions.Default.Teams };
        var firstSeason = new Option<int>("--first-season") { Description = "Start year of the first season.", DefaultValueFactory = _ => GeneratorOptions.Default.FirstSeason };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same files.", DefaultValueFactory = _ => GeneratorOptions.Default.Seed };
        var command = new Command("generate", "Write a synthetic data set in the Kaggle layout (deterministic for a seed).");
        command.Options.Add(outDir);
        command.Options.Add(seasons);
        command.Options.Add(teams);
        command.Options.Add(firstSeason);
        command.Options.Add(seed);
        command.SetAction(async (parsed, ct) =>
        {
            var options = new GeneratorOptions(parsed.GetValue(seasons), parsed.GetValue(teams), parsed.GetValue(firstSeason), parsed.GetValue(seed));
            var problem = options.Validate();
            if (problem is not null)
            {
                await stderr.WriteLineAsync($"nbalake generate: {problem}");
                return ExitCodes.BadUsage;
            }
            var summary = await DataSetGenerator.WriteAsync(parsed.GetValue(outDir)!, options, ct);
            await stdout.WriteLineAsync(summary);
            return ExitCodes.Success;
        });
        return command;
    }

    private bool TryLoadSettings(ParseResult parsed, bool withLanding, out PipelineOptions options, out LakeLayout layout)
    {
        try
        {
            (options, layout) = Settings.Load(
                parsed.GetValue(ConfigOption), parsed.UnmatchedTokens, parsed.GetValue(LakeOption), withLanding ? parsed.GetValue(LandingOption) : null);
            return true;
        }
        catch (SettingsException e)
        {
            stderr.WriteLine($"nbalake: {e.Message}");
            (options, layout) = (null!, null!);
            return false;
        }
    }

    private IHost BuildHost(PipelineOptions options, LakeLayout layout, string runId, bool quiet)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        var logger = CreateLogger(layout, runId, quiet);
        builder.Services.AddSerilog(logger, dispose: true);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(layout);
        builder.Services.AddSingleton(new TableStore(layout, runId, logger, options.Lake.KeepVersions));
        builder.Services.AddSingleton(sp => new Job(options, layout, sp.GetRequiredService<TableStore>(), logger, stdout));
        return builder.Build();
    }

    /// <summary>A readable console log and a JSON log file per run under the lake; every event carries RunId and Stage.</summary>
    private static Serilog.Core.Logger CreateLogger(LakeLayout layout, string runId, bool quiet)
    {
        const string template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Stage,-9} {Message:lj}{NewLine}{Exception}";
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.FromLogContext()
            .Enrich.WithProperty("RunId", runId)
            .Enrich.WithProperty("Stage", "job")
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(layout.Logs, $"run-{runId}.json"))
            .WriteTo.Console(restrictedToMinimumLevel: quiet ? LogEventLevel.Warning : LogEventLevel.Information, outputTemplate: template, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
    }
}
