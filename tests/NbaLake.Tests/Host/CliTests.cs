using System.Text.RegularExpressions;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

public class CliTests
{
    [Theory(Timeout = Timeouts.Job)]
    [InlineData("--Publish:StretchGames=abc", "Publish:StretchGames must be a whole number of at least 1 (got \"abc\").")]
    [InlineData("--Publish:StretchGames=2147483648", "Publish:StretchGames must be a whole number of at least 1 (got \"2147483648\").")]
    [InlineData("--Publish:StretchGames=30.5", "Publish:StretchGames must be a whole number of at least 1 (got \"30.5\").")]
    [InlineData("--Sources:Games:MaxRecordBytes=12", "Sources:Games:MaxRecordBytes must be a whole number from 4096 to 268435456 (got 12).")]
    [InlineData("--Publish:SeasonTypes=Playoffs", "Publish:SeasonTypes must be a list: in pipeline.json [\"Playoffs\"], on the command line --Publish:SeasonTypes:0=Playoffs (then :1, :2 … for more) (got the single value \"Playoffs\").")]
    [InlineData("--Publish:StretchGames=0", "Publish:StretchGames must be a whole number of at least 1 (got 0).")]
    [InlineData("--Publish:StreakThreshold=-1", "Publish:StreakThreshold must be a whole number of at least 0 (got -1).")]
    [InlineData("--Publish:SeasonTypes:0=Regular",
        "Publish:SeasonTypes: \"Regular\" is not a season type; allowed: \"Pre Season\", \"Regular Season\", \"All Star\", \"Playoffs\", \"Play-In\".")]
    [InlineData("--Publish:Stretch=90", "Unknown setting 'Publish:Stretch': the keys of Publish are StretchGames, StreakThreshold, StreakPlayer, SeasonTypes.")]
    [InlineData("--Sources:Games:Delimiter=;;",
        "Sources:Games:Delimiter must be one ASCII character other than a quote or a line break, such as \",\", \";\" or \"\\t\" (got \";;\").")]
    [InlineData("--Sources:GameDetails:DateFormats:0=%", "Sources:GameDetails:DateFormats: \"%\" is not a .NET date format such as \"dd/MM/yyyy\".")]
    [InlineData("--Publish:StreakPlayer=", "Publish:StreakPlayer must name a player (default \"LeBron James\").")]
    [InlineData("--Nonsense:Key=1", "Unknown setting section 'Nonsense': the sections are Lake, Sources, Publish, Quality.")]
    [InlineData("--Sources:Games:Encodings:0=x",
        "Unknown setting 'Sources:Games:Encodings': the keys of Sources:Games are Glob, Delimiter, DateFormats, MinutesFormat, Mode, Encoding, MaxRecordBytes.")]
    public async Task Bad_setting_stops_the_job_with_exit_code_2_naming_the_key(string setting, string expected)
    {
        using var lake = new TempLake();

        var (code, output) = await lake.RunAsync("run", setting);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("nbalake: " + expected, output.Split('\n'));
        Assert.False(Directory.Exists(lake.Lake), "nothing may be written when the settings are bad");
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Settings_file_values_are_used_and_command_line_overrides_win()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        var config = Path.Combine(lake.Root, "pipeline.json");
        File.WriteAllText(config, """{ "Publish": { "StretchGames": 4, "StreakPlayer": "Trae Young" } }""");

        var (code, output) = await lake.RunAsync("run", "--config", config, "--Publish:StretchGames=2");

        Assert.Equal(ExitCodes.Success, code);
        var lines = output.Split('\n');
        Assert.Contains("  q4  What is the most games a team has won in a 2-game stretch?", lines);
        Assert.Contains("      LAL won 2 of 2 consecutive games, from October 5, 2019 to October 22, 2019.", lines);
        Assert.Contains("  q5  How many games in a row did Trae Young score over 10 points?", lines);
        Assert.Contains("      Trae Young scored over 10 points in 2 games in a row, from October 22, 2019 to October 24, 2019.", lines);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Missing_landing_folder_is_a_settings_error()
    {
        using var lake = new TempLake();
        Directory.Delete(lake.Landing);

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains($"nbalake: the landing folder '{lake.Landing}' does not exist: create it, or set Lake:Landing in pipeline.json or --landing.",
            output.Split('\n'));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_stage_that_cannot_write_the_lake_fails_with_exit_code_1()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        File.WriteAllText(lake.Lake, "a file where the lake folder should be");

        var (code, _) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Failure, code);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Unknown_command_or_option_is_bad_usage()
    {
        using var output = new StringWriter();
        Assert.Equal(ExitCodes.BadUsage, await Cli.InvokeAsync(["frobnicate"], output, TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.BadUsage, await Cli.InvokeAsync(["generate", "--seeds", "3"], output, TestContext.Current.CancellationToken));
        var lines = output.ToString().Split('\n');
        Assert.Contains("nbalake: Unrecognized command or argument 'frobnicate'.", lines);
        Assert.Contains("nbalake: Unrecognized command or argument '--seeds'.", lines);
        Assert.Equal(2, lines.Count(l => l == "Run 'nbalake --help' for the commands and options."));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Help_lists_every_command()
    {
        using var output = new StringWriter();

        var code = await Cli.InvokeAsync(["--help"], output, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, code);
        foreach (var command in new[] { "run", "ingest", "transform", "publish", "validate", "answers", "status", "catalog", "history <table>", "restore <table>", "generate" })
        {
            Assert.Matches($@"(?m)^  {Regex.Escape(command)} +\p{{Lu}}", output.ToString()); // its line under Commands: name, then its description
        }
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Answers_prints_the_five_answers_as_sentences_or_json_after_a_run()
    {
        using var lake = new TempLake();
        Assert.Equal(ExitCodes.Failure, (await lake.RunAsync("answers")).ExitCode);
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        var (code, text) = await lake.RunAsync("answers");
        var (jsonCode, json) = await lake.RunAsync("answers", "--json");

        Assert.Equal(0, code);
        Assert.Contains("LAL won the most games: 7 of the 8 it played.", text, StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(["q1", "q2", "q3", "q4", "q5"], doc.RootElement.EnumerateArray().Select(a => a.GetProperty("question_id").GetString()));
        Assert.Equal("No team has played 90 games yet.", doc.RootElement[3].GetProperty("answer").GetString());
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Each_run_writes_a_json_log_whose_events_carry_run_id_and_stage()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        var log = Assert.Single(Directory.GetFiles(Path.Combine(lake.Lake, "logs"), "run-*.json"));
        using var duck = new Duck();
        var stages = duck.Rows($"SELECT DISTINCT Stage FROM read_json_auto({Duck.Literal(log)}, format = 'newline_delimited') ORDER BY 1");
        Assert.Equal(["ingest", "job", "publish", "transform"], stages);
        Assert.Equal(1L, Convert.ToInt64(duck.Scalar($"SELECT count(DISTINCT RunId) FROM read_json_auto({Duck.Literal(log)}, format = 'newline_delimited')")));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Help_says_once_that_any_setting_can_be_overridden()
    {
        using var root = new StringWriter();
        using var run = new StringWriter();

        Assert.Equal(ExitCodes.Success, await Cli.InvokeAsync(["--help"], root, TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.Success, await Cli.InvokeAsync(["run", "--help"], run, TestContext.Current.CancellationToken));

        const string Overrides = "any setting can also be given as --Section:Key=value, e.g. --Publish:StretchGames=82.";
        Assert.Equal(1, Regex.Count(root.ToString(), Regex.Escape(Overrides)));
        Assert.Contains("  NbaLake: NBA box scores from landing CSVs to bronze, silver and gold Parquet. In the commands that run the job, and in validate, " + Overrides,
            root.ToString().Split('\n'));
        Assert.Contains("  run              Ingest, transform and publish: the whole job.", root.ToString().Split('\n'));
        Assert.Equal(1, Regex.Count(run.ToString(), Regex.Escape(Overrides)));
        Assert.Contains("  --config <config>    Settings file (default: pipeline.json in the working folder); " + Overrides, run.ToString().Split('\n'));
    }
}
