using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Transform;

/// <summary>
/// The job's silver, silver rejects and accounting equal <c>sql/silver</c> run in DuckDB over the job's own bronze
/// (<see cref="SilverSql"/>): two implementations of the contract's silver that share no code.
/// </summary>
public class SilverSqlTests(RealSlice realSlice)
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
        var (lake, code, output) = await realSlice.RunAsync();
        Assert.True(code == ExitCodes.Success, $"exit code {code}: {output}");
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

    [Fact(Timeout = Timeouts.Job)]
    public async Task Silver_at_the_edges_of_the_plausibility_rules_equals_the_sql()
    {
        // Ingested by a run of 2026-01-01 (TempLake.IngestAsync's run id): the last plausible day is 2027-01-01.
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader,
            Csv.Game("24600001", date: "1946-11-01", season: "1946"), Csv.Game("24600002", date: "1946-10-31", season: "1946"),
            Csv.Game("22600001", date: "2027-01-01", season: "2026"), Csv.Game("22600002", date: "2027-01-02 00:00:00", season: "2026"),
            Csv.Game("21900001", visitor: "1610612747"), Csv.Game("21900002", home: " 0"), Csv.Game("21900003", visitor: "-1"), Csv.Game("0"),
            Csv.Game("21900004", ptsHome: "0", ptsAway: "-0.0"), Csv.Game("21900005", ptsAway: "-1.0"), Csv.Game("21900006", ptsHome: "-3", home: "0"),
            Csv.Game("21900007", date: "2019-12-01", season: "2018"), Csv.Game("21900008")));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader,
            Csv.Detail("21900001"), Csv.Detail("0"), Csv.Detail("21900005"), Csv.Detail("21900008", playerId: "0"), Csv.Detail("21900008", playerId: "-7"),
            Csv.Detail("21900008", playerId: "8"), Csv.Detail("22600002"), Csv.Detail("21900007")));
        await lake.IngestAsync();
        var (code, output) = await lake.RunAsync("transform");
        Assert.True(code == ExitCodes.Success, output);

        AssertSame(lake);
        Assert.Equal(["21900004", "21900007", "21900008", "22600001", "24600001"], lake.Query("silver", "games", "SELECT game_id FROM {t} ORDER BY 1"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Silver_of_the_real_spreadsheet_export_read_with_its_delimiter_only_equals_the_sql()
    {
        // The SQL knows the contract's formats only, so the export is read with its delimiter and nothing else, and its
        // games' dd/MM/yyyy dates are written as ISO first (the SQL does not take DateFormats). Its box scores stay as
        // exported: minutes a spreadsheet made 27:08:00 or 0,416666667 must be rejected alike by both.
        var export = Repo.RealData("excel-export-2019-20");
        using var lake = new TempLake();
        File.WriteAllLines(Path.Combine(lake.Landing, "games.csv"), File.ReadAllLines(Path.Combine(export, "games.csv"))
            .Select((line, i) => i == 0 ? line : $"{line[6..10]}-{line[3..5]}-{line[..2]}{line[10..]}"));
        File.Copy(Path.Combine(export, "games_details.csv"), Path.Combine(lake.Landing, "games_details.csv"));
        var (code, output) = await lake.RunAsync("run", "--Sources:Games:Delimiter=;", "--Sources:GameDetails:Delimiter=;");
        Assert.True(code == ExitCodes.Success, output);
        AssertSame(lake);
        Assert.Equal(["min"], lake.Query("silver", "_rejects", "SELECT DISTINCT \"column\" FROM {t} WHERE reason = 'bad_value'"));
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Silver_of_messy_drops_run_one_by_one_equals_the_sql(int seed)
    {
        using var generated = new TempLake();
        await DataSetGenerator.WriteAsync(generated.Landing, new GeneratorOptions(2, 4, 2019, seed), TestContext.Current.CancellationToken);
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
