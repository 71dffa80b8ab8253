using NbaLake.Activate.Report;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using Serilog.Core;

namespace NbaLake.Tests.Publish;

/// <summary>
/// A publish setting rebuilds the tables it is declared to shape, with its new value, and leaves every other table's
/// version (and every cached season part it does not shape) alone: nothing new landed, only the setting changed.
/// </summary>
public class PublishOptionsTests
{
    // The fixture is small: a 3-game stretch shows every window rule.
    private static readonly string[] Before = ["--Publish:StretchGames=3"];

    [Fact(Timeout = Timeouts.Job)]
    public async Task Changing_only_StretchGames_rebuilds_team_best_stretch_and_answers_with_the_new_window_and_leaves_the_other_tables_and_the_cache_alone()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run", Before)).ExitCode);
        var versions = Versions(lake);
        var cache = CacheEntries(lake);

        Assert.Equal(0, (await lake.RunAsync("run", "--Publish:StretchGames=2")).ExitCode);

        Assert.Equal(["gold.answers", "gold.team_best_stretch"], Changed(lake, versions));
        Assert.Equal(["2"], lake.Query("gold", "team_best_stretch", "SELECT DISTINCT stretch_games FROM {t}"));
        Assert.Empty(GoldSql.Compare(lake.Lake, stretchGames: 2));
        Assert.Contains("in a 2-game stretch?", lake.Query("gold", "answers", "SELECT question FROM {t} WHERE question_id = 'q4'")[0], StringComparison.Ordinal);
        // The window is applied when the seasons' parts are merged: no part was built again.
        Assert.Equal(cache, CacheEntries(lake));
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData("--Publish:StreakThreshold=20", new[] { "gold.answers", "gold.player_scoring_streaks" })]
    [InlineData("--Publish:StreakPlayer=Anthony Davis", new[] { "gold.answers" })]
    [InlineData("--Publish:SeasonTypes:0=Regular Season", new[] { "gold.agg_game_details", "gold.answers", "gold.player_scoring_streaks", "gold.team_best_stretch" })]
    public async Task Changing_only_one_setting_rebuilds_the_tables_it_shapes_as_the_sql_twins_compute_them_and_no_other(string setting, string[] shaped)
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run", Before)).ExitCode);
        var versions = Versions(lake);

        Assert.Equal(0, (await lake.RunAsync("run", [.. Before, setting])).ExitCode);

        Assert.Equal(shaped, Changed(lake, versions));
        var options = setting.Split('=', 2) switch
        {
            ["--Publish:StreakThreshold", var t] => new PublishOptions { StretchGames = 3, StreakThreshold = int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) },
            ["--Publish:StreakPlayer", var p] => new PublishOptions { StretchGames = 3, StreakPlayer = p },
            [_, var type] => new PublishOptions { StretchGames = 3, SeasonTypes = [type] },
            _ => throw new ArgumentException(setting),
        };
        Assert.Empty(GoldSql.Compare(lake.Lake, options.StretchGames, options.StreakThreshold, options.StreakPlayer, options.SeasonTypes));
        // The report's streak chart has every game the q5 player played (his games are kept in the streaks' season parts).
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        var streak = Assert.IsType<PlayerGames>((await ReportDataBuilder.LoadAsync(store, options, TestContext.Current.CancellationToken)).Streak);
        Assert.Equal(options.StreakPlayer, streak.Best.PlayerName);
        Assert.Equal(streak.Best.GamesPlayed, streak.Games.Count);
    }

    /// <summary>Every table's current version.</summary>
    private static Dictionary<TableId, int> Versions(TempLake lake)
    {
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        return store.Tables().ToDictionary(t => t, t => store.Current(t)!.Version);
    }

    /// <summary>The tables whose version changed since <paramref name="before"/>, but the job's record of its runs (one row a run).</summary>
    private static List<string> Changed(TempLake lake, Dictionary<TableId, int> before) =>
        [.. Versions(lake).Where(v => v.Key.ToString() != "_ops.pipeline_runs" && before.GetValueOrDefault(v.Key) != v.Value).Select(v => v.Key.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>The cache's entries by name and time of writing.</summary>
    private static List<string> CacheEntries(TempLake lake) =>
        [.. Directory.GetFiles(Path.Combine(lake.Lake, "_meta", "cache", "gold")).Select(f => $"{Path.GetFileName(f)} {File.GetLastWriteTimeUtc(f):O}").Order(StringComparer.Ordinal)];
}
