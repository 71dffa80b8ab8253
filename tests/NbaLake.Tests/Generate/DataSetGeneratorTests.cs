using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Generate;

public class DataSetGeneratorTests
{
    private static readonly GeneratorOptions Small = new(Seasons: 2, Teams: 6, FirstSeason: 2020, Seed: 7);

    [Fact(Timeout = Timeouts.Job)]
    public async Task Same_seed_gives_the_same_bytes_and_another_seed_other_data()
    {
        using var a = new TempLake();
        using var b = new TempLake();
        using var c = new TempLake();
        await DataSetGenerator.WriteAsync(a.Landing, Small, TestContext.Current.CancellationToken);
        await DataSetGenerator.WriteAsync(b.Landing, Small, TestContext.Current.CancellationToken);
        await DataSetGenerator.WriteAsync(c.Landing, Small with { Seed = 8 }, TestContext.Current.CancellationToken);

        foreach (var file in new[] { "games.csv", "games_details.csv", "teams.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Landing, file)), File.ReadAllBytes(Path.Combine(b.Landing, file)));
        }
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Landing, "games_details.csv")), File.ReadAllBytes(Path.Combine(c.Landing, "games_details.csv")));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Generated_data_has_the_shapes_the_contract_must_handle()
    {
        using var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, Small, TestContext.Current.CancellationToken);
        var details = File.ReadAllText(Path.Combine(lake.Landing, "games_details.csv"));

        Assert.Contains(",LeBron James,", details, StringComparison.Ordinal);
        Assert.Matches(@",""[^""]*, (Jr|Sr)\.""", details);          // a quoted name with a comma
        Assert.Matches(@"\p{Lu}'\p{Lu}", details);                    // a name with an apostrophe (D'Angelo, O'Neale)
        Assert.Contains("DNP - Coach's Decision", details, StringComparison.Ordinal);
        Assert.Contains("NWT - Not With Team", details, StringComparison.Ordinal);
        Assert.Matches(@",\d+\.000000:\d\d,", details);                // 27.000000:25
        Assert.Matches(@",\d+:\d\d,", details);                        // 34:12
        Assert.Matches(@",[^\x00-\x7F]", details);                     // non-ASCII letters

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        using var duck = new Duck();
        var games = Duck.ReadTable(lake.Table("silver", "games"));
        Assert.Equal(["Playoffs", "Pre Season", "Regular Season"], duck.Rows($"SELECT DISTINCT season_type FROM {games} ORDER BY 1"));
        // Every team plays exactly 82 regular-season games a season.
        Assert.Equal(["82"], duck.Rows($"""
            SELECT DISTINCT n FROM (
                SELECT team_id, season, count(*) AS n FROM (
                    SELECT home_team_id AS team_id, season FROM {games} WHERE season_type = 'Regular Season'
                    UNION ALL SELECT visitor_team_id, season FROM {games} WHERE season_type = 'Regular Season')
                GROUP BY ALL)
            """));
        // Rosters change: some players play for more than one team, within and between seasons.
        var details2 = Duck.ReadTable(lake.Table("silver", "fct_game_details"));
        Assert.True(Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM (SELECT player_id FROM {details2} GROUP BY player_id, season HAVING count(DISTINCT team_id) > 1)")) > 0);
        Assert.True(Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM (SELECT player_id FROM {details2} GROUP BY player_id HAVING count(DISTINCT team_id) > 1)")) > 0);
        // Duplicate rows were written, and dropped by silver.
        Assert.True(Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(lake.Table("bronze", "game_details"))}"))
            > Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {details2}")));
        Assert.Empty(duck.Rows($"SELECT * FROM {Duck.ReadTable(lake.Table("silver", "_rejects"))}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Shipped_sample_is_the_generator_output_for_the_defaults()
    {
        using var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, GeneratorOptions.Default, TestContext.Current.CancellationToken);

        foreach (var file in new[] { "games.csv", "games_details.csv", "teams.csv" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Repo.Root, "lake", "landing", file)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(lake.Landing, file))), $"lake/landing/{file} is not the generator's output: regenerate it with 'nbalake generate --out lake/landing'");
        }
    }
}
