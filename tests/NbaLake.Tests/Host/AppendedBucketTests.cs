using System.Globalization;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using NbaLake.Transform;
using Serilog.Core;

namespace NbaLake.Tests.Host;

/// <summary>a lake fed day by day (appended buckets) equals `rebuild silver` of the same bronze.</summary>
public class AppendedBucketTests(ITestOutputHelper output)
{
    private const string GamesHeader = "GAME_DATE_EST,GAME_ID,GAME_STATUS_TEXT,HOME_TEAM_ID,VISITOR_TEAM_ID,SEASON,TEAM_ID_home,PTS_home,FG_PCT_home,FT_PCT_home,FG3_PCT_home,AST_home,REB_home,TEAM_ID_away,PTS_away,FG_PCT_away,FT_PCT_away,FG3_PCT_away,AST_away,REB_away,HOME_TEAM_WINS";
    private const string DetailsHeader = "GAME_ID,TEAM_ID,TEAM_ABBREVIATION,TEAM_CITY,PLAYER_ID,PLAYER_NAME,NICKNAME,START_POSITION,COMMENT,MIN,FGM,FGA,FG_PCT,FG3M,FG3A,FG3_PCT,FTM,FTA,FT_PCT,OREB,DREB,REB,AST,STL,BLK,TO,PF,PTS,PLUS_MINUS";
    internal const long Home = 1610612747, Away = 1610612737;

    internal static string G(string id, string date = "2019-11-01", long home = Home, long away = Away, int season = 2019, int ph = 20, int pa = 10, int wins = 1) =>
        $"{date},{id},Final,{home},{away},{season},{home},{ph},0.45,0.8,0.35,25,44,{away},{pa},0.44,0.75,0.33,22,41,{wins}";

    // pts = 2*fgm + fg3m + ftm holds for (pts, fgm=pts/2, 0, pts%2) unless bad
    internal static string D(string id, long team, string player, int pts, bool bad = false, string min = "30:00") =>
        $"{id},{team},{(team == Home ? "LAL" : "BOS")},City,{player},P{player.Trim()},,F,,{min},{pts / 2},10,0.5,0,1,0.0,{(bad ? pts % 2 + 1 : pts % 2)},1,1.0,1,4,5,3,1,0,2,2,{pts},5";

    /// <summary>A standard game with matching box scores: two players a side.</summary>
    internal static (string Game, string[] Details) Std(string id, string date = "2019-11-01", bool badPoints = false) =>
        (G(id, date, ph: 20, pa: 10), [D(id, Home, "1", 12, badPoints), D(id, Home, "2", 8), D(id, Away, "3", 6), D(id, Away, "4", 4)]);

    internal static List<(string, string)> Day(int d, IEnumerable<string>? games, IEnumerable<string>? details)
    {
        var files = new List<(string, string)>();
        if (games is not null)
        {
            files.Add(($"games_{d:D2}.csv", string.Join('\n', [GamesHeader, .. games]) + "\n"));
        }
        if (details is not null)
        {
            files.Add(($"games_details_{d:D2}.csv", string.Join('\n', [DetailsHeader, .. details]) + "\n"));
        }
        return files;
    }

    private static string Snapshot(TempLake lake)
    {
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "review", Logger.None);
        var meta = string.Join("\n", new[] { Games.Table, FctGameDetails.Table }.SelectMany(t => store.State(t)!.Meta
            .Where(m => m.Key.StartsWith(BucketStats.Prefix, StringComparison.Ordinal)).OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => $"{t} {m.Key} {m.Value.ToJsonString()}")));
        const string quality = "SELECT * EXCLUDE (run_id) FROM {t} WHERE run_id = (SELECT max(run_id) FROM {t}) ORDER BY ALL";
        return string.Join("\n---\n",
            string.Join("\n", lake.Query("silver", "games", "SELECT * FROM {t} ORDER BY ALL")),
            string.Join("\n", lake.Query("silver", "fct_game_details", "SELECT * FROM {t} ORDER BY ALL")),
            string.Join("\n", lake.Query("silver", "_rejects", "SELECT * FROM {t} ORDER BY ALL")),
            string.Join("\n", lake.Query("_ops", "quality", quality)),
            meta);
    }

    /// <summary>Feeds the drops one run each; returns the operations of silver.games; asserts equality with `rebuild silver`.</summary>
    internal async Task<List<string>> FeedAndCompare(List<List<(string Name, string Content)>> drops, bool expectEqual = true)
    {
        using var lake = new TempLake();
        var ops = new List<string>();
        foreach (var drop in drops)
        {
            foreach (var (name, content) in drop)
            {
                lake.Land(name, content);
            }
            using var w = new StringWriter();
            var code = await lake.RunAsync(w, "run");
            var text = w.ToString();
            Assert.True(code == 0, text);
            ops.Add(string.Join(" ", text.Split('\n').Where(l => l.Contains("game buckets from bronze", StringComparison.Ordinal) || l.Contains("Committed silver", StringComparison.Ordinal))));
            var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "review", Logger.None);
            ops.Add(store.Current(Games.Table)!.Operation + " | files " + store.State(Games.Table)!.Files.Count + "/" + store.State(FctGameDetails.Table)!.Files.Count + "/" + store.State(SilverReject.Table)!.Files.Count);
        }
        output.WriteLine(string.Join("\n", ops));
        File.AppendAllText("/tmp/review33-ops.txt", string.Join("\n", ops) + "\n====\n");
        var before = Snapshot(lake);
        var gold = LakeCheck.GoldBytes(lake.Lake);
        var (rc, rtext) = await lake.RunAsync("rebuild", "silver");
        Assert.True(rc == 0, rtext);
        var after = Snapshot(lake);
        if (expectEqual)
        {
            Assert.Equal(after, before);
            LakeCheck.SameBytes(LakeCheck.GoldBytes(lake.Lake), gold);
        }
        else
        {
            output.WriteLine("APPENDED:\n" + before + "\nREBUILT:\n" + after);
        }
        return ops;
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Quality_examples_and_rejects_across_days()
    {
        var (g1, d1) = Std("21900001");
        var (g2, d2) = Std("21900002", badPoints: true);
        var (g3, d3) = Std("21900003", badPoints: true);
        var (g4, d4) = Std("21900004");
        var ops = await FeedAndCompare([
            Day(0, [g1, g2], [.. d1, .. d2]),
            Day(1, [g3, G("21900005", date: "2019-11-02", home: Home, away: Home)], [.. d3, D("21900005", Home, "9", 3), D("21900003", Home, "x", 1)]),
            Day(2, [g4, G(" 0021900006 ", date: "2030-01-01"), G("+21900007", season: 2015)], [.. d4, D("21900004", 999, "5", 2), D("21900006", Home, "7", 150)]),
            Day(3, null, [D("21900008", Home, "1", 2)]),
            Day(4, [G("21900009"), G("21900009", ph: 30)], [D("21900009", Home, "1", 2), D("21900009", Home, "1", 30, min: "99:00")]),
        ]);
        Assert.Contains(ops, o => o.StartsWith("append", StringComparison.Ordinal));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Ids_spelled_differently()
    {
        var (g1, d1) = Std("21900001");
        var (g2, d2) = Std("21900002");
        var ops = await FeedAndCompare([
            Day(0, [g1, g2], [.. d1, .. d2]),
            Day(1, [G(" +021900003")], [D("021900003", Home, "1", 2), D("21900003 ", Away, "3", 2)]),
            Day(2, [G("-21900001")], [D("-21900001", Home, "1", 2)]),
            Day(3, [G("21900010")], [D("-21900010", Home, "1", 2)]),
            Day(4, [G("21900011")], [D("21900011", Home, " 0001", 2), D("21900011", Home, "+1", 4)]),
        ]);
        Assert.Contains(ops, o => o.StartsWith("append", StringComparison.Ordinal));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_late_game_arrives_with_a_new_day()
    {
        var (g1, d1) = Std("21900001");
        var (g2, d2) = Std("21900002");
        var (g3, d3) = Std("21900003");
        var (g10, d10) = Std("21900010");
        await FeedAndCompare([
            Day(0, [g1, g3], [.. d1, .. d2, .. d3]),
            Day(1, [g2, g10], d10),
        ]);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Games_only_days_grow_files_without_bound()
    {
        var (g1, d1) = Std("21900001");
        List<List<(string, string)>> drops = [Day(0, [g1], d1)];
        for (var i = 0; i < 12; i++)
        {
            drops.Add(Day(1 + i, [G((21900002 + i).ToString(CultureInfo.InvariantCulture))], null));
        }
        var ops = await FeedAndCompare(drops);
        Assert.DoesNotContain(ops, o => o.Contains("files 13/", StringComparison.Ordinal));
    }
}
