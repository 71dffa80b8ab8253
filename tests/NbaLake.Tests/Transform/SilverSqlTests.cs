using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Transform;

/// <summary>
/// The job's silver, silver rejects and accounting equal <c>sql/silver</c> run in DuckDB over the job's own bronze
/// (<see cref="SilverSql"/>): two implementations of the contract's silver that share no code.
/// </summary>
public class SilverSqlTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Silver_of_the_small_fixture_equals_the_sql()
    {
        using var lake = new TempLake(landing: Repo.Fixture("small"));
        await RunAsync(lake);
        AssertSame(lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Silver_of_the_real_2019_20_season_equals_the_sql()
    {
        using var lake = new TempLake(landing: Repo.RealData("nba-2019-20"));
        await RunAsync(lake);
        AssertSame(lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Silver_of_twenty_real_kaggle_seasons_with_their_repeated_ids_equals_the_sql()
    {
        // The Kaggle games file (2003-2022, 29 repeated ids) with the 2019-20 box scores: most games have none.
        using var lake = new TempLake();
        File.Copy(Path.Combine(Repo.RealData("kaggle-games-2003-2022"), "games.csv"), Path.Combine(lake.Landing, "games.csv"));
        File.Copy(Path.Combine(Repo.RealData("nba-2019-20"), "games_details.csv"), Path.Combine(lake.Landing, "games_details.csv"));
        await RunAsync(lake);
        AssertSame(lake);
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Silver_of_messy_drops_run_one_by_one_equals_the_sql(int seed)
    {
        using var generated = new TempLake();
        await DataSetGenerator.WriteAsync(generated.Landing, new GeneratorOptions(2, 6, 2019, seed), TestContext.Current.CancellationToken);
        using var lake = new TempLake();
        var random = new Random(seed);
        var drops = MessyDrops.Deal(generated.Landing, random, count: 3);
        foreach (var drop in drops)
        {
            foreach (var (name, content) in drop)
            {
                lake.Land(name, content);
            }
            await RunAsync(lake);
        }

        AssertSame(lake);
        // Each landed line is in bronze exactly once (a file ingested twice would give silver duplicates that the SQL,
        // reading the same bronze, would drop just as the job does); an unreadable one ("0,5" adds a field) in bronze's rejects.
        var landed = drops.SelectMany(d => d).Select(f => $"{f.Name} | {f.Content.Count(c => c == '\n') - 1}").Order(StringComparer.Ordinal);
        using var duck = new Duck();
        var bronze = string.Join(" UNION ALL ", new[] { "games", "game_details", "_rejects" }.Select(t => $"SELECT _source_file FROM {Duck.ReadTable(lake.Table("bronze", t))}"));
        Assert.Equal(landed, duck.Rows($"SELECT _source_file, count(*) FROM ({bronze}) GROUP BY 1 ORDER BY 1"));
        // The mess bites: every reason the messy lines are made for is in the rejects, and there are duplicates.
        Assert.Equal(["bad_key", "bad_value", "detail_ids_positive", "fg3_pct_in_range", "fg_pct_in_range", "ft_pct_in_range", "minutes_in_range", "points_in_range",
            "team_not_in_game", "unknown_game"],
            lake.Query("silver", "_rejects", "SELECT DISTINCT reason FROM {t} WHERE source = 'game_details' ORDER BY 1"));
        Assert.Equal(["bad_key", "bad_value", "game_date_plausible", "game_ids_positive", "team_points_not_negative", "teams_differ"],
            lake.Query("silver", "_rejects", "SELECT DISTINCT reason FROM {t} WHERE source = 'games' ORDER BY 1"));
        // Every column the id rules name is among the rejects (the SQL must pick the same one as the job).
        Assert.Equal(["game_id", "home_team_id", "visitor_team_id"],
            lake.Query("silver", "_rejects", "SELECT DISTINCT \"column\" FROM {t} WHERE reason = 'game_ids_positive' ORDER BY 1"));
        Assert.NotEqual(["0"], lake.Query("_ops", "pipeline_runs", "SELECT sum(duplicates) FROM {t} WHERE table_name = 'silver.fct_game_details'"));
    }

    private static void AssertSame(TempLake lake)
    {
        var differences = SilverSql.Compare(lake.Lake);
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    private static async Task RunAsync(TempLake lake)
    {
        var (code, output) = await lake.RunAsync("run");
        Assert.True(code == ExitCodes.Success, $"exit code {code}: {output}");
    }
}
