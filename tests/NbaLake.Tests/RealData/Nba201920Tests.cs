using NbaLake.Tests.Support;

namespace NbaLake.Tests.RealData;

/// <summary>The real 2019-20 slice (../shared/data/real/nba-2019-20) through the whole job.</summary>
public class Nba201920Tests(RealSlice realSlice)
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Real_2019_20_slice_runs_end_to_end_with_the_contract_accounting_and_gold_cross_check()
    {
        var (lake, code, output) = await realSlice.RunAsync();

        Assert.Equal(0, code);
        using var duck = new Duck();
        foreach (var (source, silver) in new[] { ("games", "games"), ("game_details", "fct_game_details") })
        {
            var bronze = Count(duck, lake.Table("bronze", source));
            var kept = Count(duck, lake.Table("silver", silver));
            var rejects = Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(lake.Table("silver", "_rejects"))} WHERE source = '{source}'"));
            var duplicates = DuplicatesLogged(lake, silver);
            Assert.Equal(bronze, kept + duplicates + rejects);
        }
        Assert.Equal(965, Count(duck, lake.Table("silver", "games")));
        Assert.Equal(25_066, Count(duck, lake.Table("silver", "fct_game_details")));
        Assert.Empty(GoldSql.Compare(lake.Lake));
        Assert.Contains("LeBron James scored over 10 points in", output, StringComparison.Ordinal);
    }

    private static long Count(Duck duck, string table) => Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(table)}"));

    /// <summary>The duplicates dropped, as the run's JSON log reports them per silver table.</summary>
    private static long DuplicatesLogged(TempLake lake, string table)
    {
        using var duck = new Duck();
        var log = Directory.EnumerateFiles(Path.Combine(lake.Lake, "logs"), "*.json").Single();
        return Convert.ToInt64(duck.Scalar(
            $"SELECT Duplicates FROM read_json_auto({Duck.Literal(log)}, format = 'newline_delimited') WHERE \"@mt\" LIKE 'Silver {{Table}}%' AND \"Table\" = '{table}'"));
    }
}
