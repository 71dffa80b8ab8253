using NbaLake.Storage;
using NbaLake.Tests.Support;
using NbaLake.Transform;
using Serilog.Core;
using static NbaLake.Tests.Host.AppendedBucketTests;

namespace NbaLake.Tests.Host;

public class AppendedBucketMoreTests(ITestOutputHelper output)
{
    private static async Task Run(TempLake lake, string command = "run", params string[] extra)
    {
        var (code, text) = await lake.RunAsync(command, extra);
        Assert.True(code == 0, text);
    }

    private static void LandDay(TempLake lake, List<(string Name, string Content)> day)
    {
        foreach (var (name, content) in day)
        {
            lake.Land(name, content);
        }
    }

    private static string Silver(TempLake lake)
    {
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "review", Logger.None);
        var meta = string.Join("\n", new[] { Games.Table, FctGameDetails.Table }.SelectMany(t => store.State(t)!.Meta
            .Where(m => m.Key.StartsWith(BucketStats.Prefix, StringComparison.Ordinal)).OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => $"{t} {m.Key} {m.Value.ToJsonString()}")));
        return string.Join("\n---\n",
            string.Join("\n", lake.Query("silver", "games", "SELECT * FROM {t} ORDER BY ALL")),
            string.Join("\n", lake.Query("silver", "fct_game_details", "SELECT * FROM {t} ORDER BY ALL")),
            string.Join("\n", lake.Query("silver", "_rejects", "SELECT * FROM {t} ORDER BY ALL")),
            string.Join("\n", lake.Query("_ops", "quality", "SELECT * EXCLUDE (run_id) FROM {t} WHERE run_id = (SELECT max(run_id) FROM {t}) ORDER BY ALL")),
            meta);
    }

    private static async Task AssertEqualsRebuild(TempLake lake)
    {
        var before = Silver(lake);
        var gold = LakeCheck.GoldBytes(lake.Lake);
        await Run(lake, "rebuild", "silver");
        Assert.Equal(Silver(lake), before);
        LakeCheck.SameBytes(LakeCheck.GoldBytes(lake.Lake), gold);
    }

    private static List<List<(string, string)>> Days(int n)
    {
        var (g0, d0) = Std("21900001");
        List<List<(string, string)>> days = [Day(0, [g0], d0)];
        for (var i = 1; i <= n; i++)
        {
            var (g, d) = Std((21900001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), badPoints: i % 3 == 0);
            days.Add(Day(i, [g], d));
        }
        return days;
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Restore_one_silver_table_to_before_an_append_then_run()
    {
        using var lake = new TempLake();
        var days = Days(3);
        LandDay(lake, days[0]);
        await Run(lake);
        LandDay(lake, days[1]);
        await Run(lake); // append, silver v2
        await Run(lake, "restore", "silver.fct_game_details", "--version", "1");
        LandDay(lake, days[2]);
        await Run(lake);
        await AssertEqualsRebuild(lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Restore_all_silver_tables_to_before_an_append_then_run()
    {
        using var lake = new TempLake();
        var days = Days(3);
        LandDay(lake, days[0]);
        await Run(lake);
        LandDay(lake, days[1]);
        await Run(lake);
        LandDay(lake, days[2]);
        await Run(lake);
        foreach (var t in new[] { "silver.games", "silver.fct_game_details", "silver._rejects" })
        {
            await Run(lake, "restore", t, "--version", "1");
        }
        await Run(lake);
        await AssertEqualsRebuild(lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Many_ingests_beyond_retention_then_one_transform()
    {
        using var lake = new TempLake();
        var days = Days(13);
        LandDay(lake, days[0]);
        await Run(lake);
        for (var i = 1; i <= 13; i++)
        {
            LandDay(lake, days[i]);
            await Run(lake, "ingest");
        }
        using var w = new StringWriter();
        Assert.Equal(0, await lake.RunAsync(w, "run"));
        output.WriteLine(string.Join("\n", w.ToString().Split('\n').Where(l => l.Contains("game buckets", StringComparison.Ordinal))));
        Assert.Contains("added to the rest", w.ToString(), StringComparison.Ordinal);
        await AssertEqualsRebuild(lake);
    }
}

public class AppendedBucketBronzeRestoreTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Bronze_restored_to_before_a_day_then_a_new_day()
    {
        using var lake = new TempLake();
        var (g0, d0) = Std("21900001");
        var (g1, d1) = Std("21900002");
        var (g2, d2) = Std("21900003");
        foreach (var (name, content) in Day(0, [g0], d0)) lake.Land(name, content);
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        foreach (var (name, content) in Day(1, [g1], d1)) lake.Land(name, content);
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        foreach (var t in new[] { "bronze.games", "bronze.game_details" })
        {
            var (rc, text) = await lake.RunAsync("restore", t, "--version", "1");
            Assert.True(rc == 0, text);
        }
        File.Delete(Path.Combine(lake.Landing, "games_01.csv"));
        File.Delete(Path.Combine(lake.Landing, "games_details_01.csv"));
        foreach (var (name, content) in Day(2, [g2], d2)) lake.Land(name, content);
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var games = lake.Query("silver", "games", "SELECT game_id FROM {t} ORDER BY ALL");
        Assert.Equal(["21900001", "21900003"], games);
    }
}
