using System.CommandLine;

namespace NbaLake.Generate;

/// <summary>
/// <c>nbalake generate</c>: the generator's options, checks and messages, as a command the job's command line mounts.
/// It ends with the exit codes the host hands it (bad options, files that cannot be written), so the job's codes stay
/// declared in one place.
/// </summary>
public static class GenerateCommand
{
    /// <summary>The command, writing its summary to <paramref name="stdout"/> and problems to <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr, int badUsage, int failure)
    {
        var outDir = new Option<string>("--out") { Description = "Folder to write games.csv, games_details.csv and teams.csv to.", Required = true };
        var seasons = new Option<int>("--seasons") { Description = "Number of seasons.", DefaultValueFactory = _ => GeneratorOptions.Default.Seasons };
        var teams = new Option<int>("--teams") { Description = "Number of teams (even, 4 to 300; past 30, made-up expansion teams).", DefaultValueFactory = _ => GeneratorOptions.Default.Teams };
        var firstSeason = new Option<int?>("--first-season")
        {
            Description = $"Start year of the first season [default: {GeneratorOptions.Default.FirstSeason}, or earlier when the last season would not have ended by today].",
        };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same files.", DefaultValueFactory = _ => GeneratorOptions.Default.Seed };
        var command = new Command("generate", "Write a synthetic data set in the Kaggle layout (deterministic for a seed), of seasons already played.")
        {
            outDir, seasons, teams, firstSeason, seed,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var options = new GeneratorOptions(parsed.GetValue(seasons), parsed.GetValue(teams),
                parsed.GetValue(firstSeason) ?? GeneratorOptions.DefaultFirstSeason(parsed.GetValue(seasons), today), parsed.GetValue(seed));
            if (options.Validate(today) is { } problem)
            {
                await stderr.WriteLineAsync($"nbalake generate: {problem}");
                return badUsage;
            }
            try
            {
                await stdout.WriteLineAsync(await DataSetGenerator.WriteAsync(parsed.GetValue(outDir)!, options, ct));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"nbalake generate: cannot write to {parsed.GetValue(outDir)}: {e.Message}. To fix: give --out a folder you can write to, on a disk with space.");
                return failure;
            }
        });
        return command;
    }
}
