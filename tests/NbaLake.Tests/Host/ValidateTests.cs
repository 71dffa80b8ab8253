using System.Text.RegularExpressions;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

public class ValidateTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Validate_writes_nothing_and_foresees_the_rejects_a_run_then_makes()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));

        var (code, output) = await lake.RunAsync("validate", "--landing", lake.Landing);

        Assert.Equal(0, code);
        Assert.False(Directory.Exists(lake.Lake), "validate must not create or write the lake");
        Assert.Contains("ingest    games_details.csv (game_details): 24 records", output, StringComparison.Ordinal);
        Assert.Contains("1 record(s) to bronze/_rejects as bad_quoting, e.g. line 15", output, StringComparison.Ordinal);
        Assert.Contains("games.csv line 9, value '22/12/2020': game_date_est: expected a date as yyyy-MM-dd (add the format to Sources:Games:DateFormats in pipeline.json)",
            output, StringComparison.Ordinal);

        // What it foresaw per source, reason and column is what the run puts in silver/_rejects.
        var foreseen = Regex.Matches(output, @"^\s+(\d+) (\w+) (\w+) \((\w+)\), e\.g\.", RegexOptions.Multiline)
            .Select(m => $"{m.Groups[2].Value} {m.Groups[3].Value} {m.Groups[4].Value} {m.Groups[1].Value}").Order(StringComparer.Ordinal);
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(
            lake.Query("silver", "_rejects", "SELECT source || ' ' || reason || ' ' || \"column\" || ' ' || count(*) FROM {t} GROUP BY source, reason, \"column\" ORDER BY 1"),
            foreseen);

        var (again, after) = await lake.RunAsync("validate", "--landing", lake.Landing);
        Assert.Equal(0, again);
        Assert.Contains("skip      games.csv (games): this content is already in bronze", after, StringComparison.Ordinal);
        Assert.Contains("Nothing new to ingest: a run would change no table.", after, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Validate_refuses_the_semicolon_export_with_exit_code_3_and_accepts_it_with_its_settings()
    {
        using var lake = new TempLake(landing: Repo.RealData("excel-export-2019-20"));

        var (refused, output) = await lake.RunAsync("validate", "--landing", lake.Landing);
        var (accepted, settled) = await lake.RunAsync("validate", "--landing", lake.Landing,
            "--Sources:Games:Delimiter=;", "--Sources:Games:DateFormats:0=dd/MM/yyyy", "--Sources:GameDetails:Delimiter=;",
            "--Sources:Teams:Delimiter=;", "--Sources:GameDetails:MinutesFormat=spreadsheet");

        Assert.Equal(ExitCodes.InputRefused, refused);
        foreach (var (file, source, key) in new[] { ("games.csv", "games", "Games"), ("games_details.csv", "game_details", "GameDetails"), ("teams.csv", "teams", "Teams") })
        {
            Assert.Matches($@"(?m)^  REFUSED   {Regex.Escape(file)}: refused, line 1 \(header\) lacks the required {source} column\(s\) .*; found 1 column\(s\): .*\. The header looks ';'-delimited, not ',': set Sources:{key}:Delimiter to "";"" in pipeline\.json$",
                output);
        }
        Assert.Contains("A run would refuse 3 file(s) and end with exit code 3", output, StringComparison.Ordinal);
        Assert.Equal(0, accepted);
        Assert.Contains("Silver preview of the new files: 965 games and 25,066 box-score rows would pass; 0 would be rejected.", settled.Split('\n'));
        Assert.Contains("A run would succeed (exit code 0).", settled.Split('\n'));
        Assert.False(Directory.Exists(lake.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Validate_prints_the_decisions_the_run_makes_with_the_runs_own_messages()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")).TrimEnd('\n'));
        const string Deferred = "games_details.csv: left for the next run, its last line has no line break (still being written?); it is taken whole once it ends with one, or as it is if the next run finds it unchanged";

        var (_, before) = await lake.RunAsync("validate", "--landing", lake.Landing);
        var (_, run) = await lake.RunAsync("run");
        var (_, after) = await lake.RunAsync("validate", "--landing", lake.Landing);
        var (_, next) = await lake.RunAsync("run");

        // What validate foresees is what the run then does, in the run's words.
        Assert.Contains("  ingest    games.csv (games): 1 record", before.Split('\n'));
        Assert.Contains("  defer     " + Deferred, before.Split('\n'));
        Assert.Contains(" WRN] ingest    " + Deferred, run, StringComparison.Ordinal);
        // The run left it once; unchanged, the next run takes it as it is, and validate knows.
        const string Taken = "games_details.csv: its last line has no line break, but the file has not changed since the last run: taken as complete";
        Assert.Contains("  skip      games.csv (games): this content is already in bronze", after.Split('\n'));
        Assert.Contains("  ingest    games_details.csv (game_details): 1 record", after.Split('\n'));
        Assert.Contains("            warning: " + Taken, after.Split('\n'));
        Assert.Contains(Taken, next, StringComparison.Ordinal);
    }
}
