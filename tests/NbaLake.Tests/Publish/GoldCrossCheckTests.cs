using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Publish;

/// <summary>The job's gold against the repo's SQL definitions run by DuckDB, on generated multi-season data.</summary>
public class GoldCrossCheckTests
{
    private static async Task<TempLake> GeneratedLakeAsync(params string[] settings)
    {
        var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, new GeneratorOptions(Seasons: 3, Teams: 8, FirstSeason: 2018, Seed: 11), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await lake.RunAsync("run", settings)).ExitCode);
        return lake;
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Gold_over_generated_seasons_equals_the_sql_definitions()
    {
        using var lake = await GeneratedLakeAsync();

        Assert.Empty(GoldSql.Compare(lake.Lake));
        using var duck = new Duck();
        Assert.Equal(8L, Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM read_parquet({Duck.Literal(Path.Combine(lake.Table("gold", "team_best_stretch"), "**", "*.parquet"))})")));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Narrowed_season_types_and_other_parameters_still_equal_the_sql_definitions()
    {
        using var lake = await GeneratedLakeAsync(
            "--Publish:SeasonTypes:0=Regular Season", "--Publish:SeasonTypes:1=Playoffs",
            "--Publish:StretchGames=41", "--Publish:StreakThreshold=15");

        Assert.Empty(GoldSql.Compare(lake.Lake, stretchGames: 41, streakThreshold: 15, seasonTypes: ["Regular Season", "Playoffs"]));
        using var duck = new Duck();
        var agg = $"read_parquet({Duck.Literal(Path.Combine(lake.Table("gold", "agg_game_details"), "**", "*.parquet"))})";
        var teamGames = Convert.ToInt64(duck.Scalar($"SELECT sum(games_played)::BIGINT FROM {agg} WHERE agg_level = 'team'"));
        var silverGames = Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(lake.Table("silver", "games"))} WHERE season_type IN ('Regular Season', 'Playoffs')"));
        Assert.Equal(2 * silverGames, teamGames);
    }
}
