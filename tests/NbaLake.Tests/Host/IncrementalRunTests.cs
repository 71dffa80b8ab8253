using NbaLake.Generate;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using NbaLake.Transform;
using Serilog.Core;

namespace NbaLake.Tests.Host;

/// <summary>A lake fed drop after drop ends where a lake fed everything at once ends, touching only what changed.</summary>
public class IncrementalRunTests
{
    private static readonly TableId Details = new("silver", "fct_game_details");

    [Fact(Timeout = Timeouts.Job)]
    public async Task Three_drops_give_the_gold_of_one_run_over_all_of_them_and_rewrite_only_touched_seasons()
    {
        using var source = new TempLake();
        await DataSetGenerator.WriteAsync(source.Landing, new GeneratorOptions(3, 4, 2018, 5), TestContext.Current.CancellationToken);
        var drops = MakeDrops(source.Landing);

        using var lake = new TempLake();
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        var seasonsWritten = new List<string>();
        var unknownGames = new List<string>();
        for (var d = 0; d < drops.Count; d++)
        {
            foreach (var (name, content) in drops[d])
            {
                lake.Land(name, content);
            }
            Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

            using var scratch = new TempLake();
            foreach (var (name, content) in drops.Take(d + 1).SelectMany(x => x))
            {
                scratch.Land(name, content);
            }
            Assert.Equal(0, (await scratch.RunAsync("run")).ExitCode);
            LakeCheck.SameBytes(LakeCheck.GoldBytes(scratch.Lake), LakeCheck.GoldBytes(lake.Lake));

            using (var duck = new Duck())
            {
                unknownGames.Add(duck.Rows($"SELECT count(*) FROM {Duck.ReadTable(lake.Table("silver", "_rejects"))} WHERE reason = 'unknown_game'")[0]);
            }
            var current = store.State(Details)!;
            seasonsWritten.Add(string.Join(",", current.Files.Values.Where(f => f.AddedIn == current.Version).Select(f => PendingVersion.Slot(f.Path).Split('/')[0])));
        }

        Assert.Equal(["season=2018,season=2019", "season=2020", "season=2019,season=2020"], seasonsWritten);
        Assert.Equal("0", unknownGames[0]);
        Assert.True(int.Parse(unknownGames[1], System.Globalization.CultureInfo.InvariantCulture) >= 3 * 20, "drop 2's box scores of the held-back games are rejected");
        Assert.Equal("0", unknownGames[2]);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_second_run_with_no_new_files_commits_nothing_and_changes_no_byte()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        var data = store.Tables().Where(t => t.Layer is "bronze" or "silver" or "gold").ToList();
        var versions = data.Select(t => store.Current(t)!.Version).ToList();
        var bytes = data.Select(t => LakeCheck.Bytes(lake.Table(t.Layer, t.Name))).ToList();

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        Assert.Equal(versions, data.Select(t => store.Current(t)!.Version));
        for (var i = 0; i < data.Count; i++)
        {
            LakeCheck.SameBytes(bytes[i], LakeCheck.Bytes(lake.Table(data[i].Layer, data[i].Name)));
        }
        // The ops table is the one thing a no-op run writes: its own row.
        using var duck = new Duck();
        Assert.Equal(["2"], duck.Rows($"SELECT count(DISTINCT run_id) FROM {Duck.ReadTable(lake.Table("_ops", "pipeline_runs"))}"));
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task A_lake_fed_many_random_drops_one_run_each_equals_a_lake_built_from_all_of_them_at_once(int seed)
    {
        using var source = new TempLake();
        await DataSetGenerator.WriteAsync(source.Landing, new GeneratorOptions(3, 4, 2018, seed), TestContext.Current.CancellationToken);
        var drops = RandomDrops(source.Landing, new Random(seed), count: 6);

        using var incremental = new TempLake();
        foreach (var drop in drops)
        {
            foreach (var (name, content) in drop)
            {
                incremental.Land(name, content);
            }
            Assert.Equal(0, (await incremental.RunAsync("run")).ExitCode);
        }
        using var scratch = new TempLake();
        foreach (var (name, content) in drops.SelectMany(d => d))
        {
            scratch.Land(name, content);
        }
        Assert.Equal(0, (await scratch.RunAsync("run")).ExitCode);

        // Silver row for row (lineage without the batch, which differs by construction), gold byte for byte.
        Assert.Equal(scratch.Query("silver", "games", "SELECT * FROM {t} ORDER BY ALL"), incremental.Query("silver", "games", "SELECT * FROM {t} ORDER BY ALL"));
        Assert.Equal(scratch.Query("silver", "fct_game_details", "SELECT * FROM {t} ORDER BY ALL"),
            incremental.Query("silver", "fct_game_details", "SELECT * FROM {t} ORDER BY ALL"));
        const string rejects = "SELECT * EXCLUDE (_batch_id) FROM {t} ORDER BY ALL";
        Assert.Equal(scratch.Query("silver", "_rejects", rejects), incremental.Query("silver", "_rejects", rejects));
        Assert.NotEmpty(incremental.Query("silver", "_rejects", rejects));
        LakeCheck.SameBytes(LakeCheck.GoldBytes(scratch.Lake), LakeCheck.GoldBytes(incremental.Lake));
        LakeCheck.EveryTableIsOneCommittedVersion(incremental.Lake);
        // The report too, answers, quality and charts byte for byte; only the lake's history in it differs.
        Assert.Equal(RunNeutral(scratch.Lake), RunNeutral(incremental.Lake));

        // The last run reports the whole tables' accounting, as the run over everything does, and it balances.
        const string accounting = """
            SELECT table_name || ' ' || rows_in || ' ' || rows_out || ' ' || duplicates || ' ' || rejects FROM {t}
            WHERE stage = 'transform' AND table_name IS NOT NULL AND run_id = (SELECT max(run_id) FROM {t} WHERE stage = 'transform' AND table_name IS NOT NULL)
            ORDER BY 1
            """;
        var last = incremental.Query("_ops", "pipeline_runs", accounting);
        Assert.Equal(scratch.Query("_ops", "pipeline_runs", accounting), last);
        Assert.All(last.Select(l => l.Split(' ').Skip(1).Select(long.Parse).ToArray()), n => Assert.Equal(n[0], n[1] + n[2] + n[3]));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Days_landed_in_game_order_are_added_beside_their_bucket_until_it_is_rebuilt_and_end_where_one_run_over_all_of_them_ends()
    {
        using var source = new TempLake();
        await DataSetGenerator.WriteAsync(source.Landing, new GeneratorOptions(1, 4, 2018, 7), TestContext.Current.CancellationToken);
        var (drops, expected) = DayDrops(source.Landing);

        using var lake = new TempLake();
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        var operations = new List<string>();
        foreach (var drop in drops)
        {
            foreach (var (name, content) in drop)
            {
                lake.Land(name, content);
            }
            Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
            var current = store.Current(Details)!;
            operations.Add($"{current.Operation.Split(' ')[0]} {store.State(Details)!.Files.Count}");
        }
        // Built whole; a day added; box scores before their game (added, rejected as unknown_game); the game (rebuilt:
        // they are admitted); a correction of an old box score (rebuilt); days added until the bucket has as many files
        // as it may, then rebuilt into one, then a day added again.
        Assert.Equal(string.Join(" / ", expected), string.Join(" / ", operations));

        using var scratch = new TempLake();
        foreach (var (name, content) in drops.SelectMany(d => d))
        {
            scratch.Land(name, content);
        }
        Assert.Equal(0, (await scratch.RunAsync("run")).ExitCode);
        Assert.Equal(scratch.Query("silver", "games", "SELECT * FROM {t} ORDER BY ALL"), lake.Query("silver", "games", "SELECT * FROM {t} ORDER BY ALL"));
        Assert.Equal(scratch.Query("silver", "fct_game_details", "SELECT * FROM {t} ORDER BY ALL"), lake.Query("silver", "fct_game_details", "SELECT * FROM {t} ORDER BY ALL"));
        const string rejects = "SELECT * EXCLUDE (_batch_id) FROM {t} ORDER BY ALL";
        Assert.Equal(scratch.Query("silver", "_rejects", rejects), lake.Query("silver", "_rejects", rejects));
        const string quality = "SELECT * EXCLUDE (run_id) FROM {t} WHERE run_id = (SELECT max(run_id) FROM {t}) ORDER BY ALL";
        Assert.Equal(scratch.Query("_ops", "quality", quality), lake.Query("_ops", "quality", quality));
        LakeCheck.SameBytes(LakeCheck.GoldBytes(scratch.Lake), LakeCheck.GoldBytes(lake.Lake));
        Assert.Equal(RunNeutral(scratch.Lake), RunNeutral(lake.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Days_of_games_alone_are_added_beside_their_bucket_and_still_rebuilt_into_one_file_after_the_most_files_a_bucket_may_have()
    {
        using var source = new TempLake();
        await DataSetGenerator.WriteAsync(source.Landing, new GeneratorOptions(1, 4, 2018, 7), TestContext.Current.CancellationToken);
        var games = File.ReadAllLines(Path.Combine(source.Landing, "games.csv"));
        var ordered = games.Skip(1).OrderBy(l => int.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var details = File.ReadAllLines(Path.Combine(source.Landing, "games_details.csv"));
        var played = details.Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).ToHashSet();
        var days = TransformStage.MaxFilesPerBucket + 1;
        // The days: the last games with one line each and box scores (the generator's broken or repeated lines stay out).
        var last = ordered.GroupBy(l => l.Split(',')[1]).Where(g => g.Count() == 1 && played.Contains(g.Key)).Select(g => g.Single()).TakeLast(days).ToList();
        var first = ordered.TakeWhile(l => l != last[0]).ToList();
        var firstIds = first.Select(l => l.Split(',')[1]).ToHashSet();

        using var lake = new TempLake();
        lake.Land("games_00.csv", string.Join('\n', [games[0], .. first]) + "\n");
        lake.Land("games_details_00.csv", string.Join('\n', details.Where((l, i) => i == 0 || firstIds.Contains(l[..l.IndexOf(',', StringComparison.Ordinal)]))) + "\n");
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        var operations = new List<string>();
        for (var d = 1; d <= days; d++)
        {
            lake.Land($"games_{d:D2}.csv", games[0] + "\n" + last[d - 1] + "\n");
            Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
            operations.Add($"{store.Current(Games.Table)!.Operation.Split(' ')[0]} {store.State(Games.Table)!.Files.Count}");
        }

        // No box scores come, so the box scores' files do not grow: the games' files bring the rebuild all the same.
        Assert.Equal(
            string.Join(" / ", [.. Enumerable.Range(2, TransformStage.MaxFilesPerBucket - 1).Select(n => $"append {n}"), "replace 1", "append 2"]),
            string.Join(" / ", operations));
    }

    /// <summary>
    /// The lake's report without what is the lake's history rather than its data: the run that wrote it, the versions
    /// of the tables it cites, and in its table of versions each table's version, commit time and operation, the ops
    /// tables' rows (one per run), and bronze's and silver's file counts (a file per batch; a bucket's added days). Every
    /// other table's rows and files stay.
    /// </summary>
    private static string RunNeutral(string lake)
    {
        static string Replace(string text, string pattern, string with) => System.Text.RegularExpressions.Regex.Replace(text, pattern, with);
        var html = File.ReadAllText(Path.Combine(lake, "reports", "index.html"));
        html = Replace(html, "<tr><td data-label=\"table\"><code>_ops\\.[^<]*</code>.*?</tr>\n?", "");
        html = Replace(html, "(<code>(?:bronze|silver)\\.[^<]*</code></td><td[^>]*>[^<]*</td><td[^>]*>[^<]*</td><td data-label=\"files\"[^>]*>)[0-9,]+", "$1");
        html = Replace(html, "(<td data-label=\"version\"[^>]*>)v[0-9]+", "$1");
        html = Replace(html, "(<td data-label=\"committed \\(UTC\\)\">)[^<]*", "$1");
        html = Replace(html, "(<td data-label=\"operation\">)[^<]*", "$1");
        html = Replace(html, "Generated [^<]* by run", "Generated by run");
        html = Replace(html, "<code>[0-9]{8}T[0-9]{9}Z-[0-9a-f]{6}</code>", "<code>run</code>");
        return Replace(html, "</code> v[0-9]+ ", "</code> v ");
    }

    /// <summary>
    /// The generated lines dealt at random into <paramref name="count"/> drops: each season's games to one drop and its
    /// box scores to another, one line in ten of the later seasons anywhere; the first season's games come one drop
    /// after all of its box scores (rejected as unknown_game until then) and alone. Plus re-exports of box scores in a
    /// later drop with other points (some broken), a broken game line, and a copy of an earlier file under a new name.
    /// File names sort in drop order, so "later" means the same in one run as in many.
    /// </summary>
    private static List<List<(string Name, string Content)>> RandomDrops(string generated, Random random, int count)
    {
        var games = File.ReadAllLines(Path.Combine(generated, "games.csv"));
        var details = File.ReadAllLines(Path.Combine(generated, "games_details.csv"));
        static string Season(string gameId) => gameId.Substring(1, 2);
        var seasons = games.Skip(1).Select(l => Season(l.Split(',')[1])).Distinct().Order(StringComparer.Ordinal).ToList();
        var detailsDrop = seasons.ToDictionary(s => s, _ => random.Next(count - 1));
        var gamesDrop = seasons.ToDictionary(s => s, s => s == seasons[0] ? detailsDrop[s] + 1 : random.Next(count));
        // The first season's lines stay together, so that one drop holds its games and nothing else of it.
        int Deal(string season, int drop) => season != seasons[0] && random.Next(10) == 0 ? random.Next(count) : drop;
        var gameDrops = Enumerable.Range(0, count).Select(_ => new List<string>()).ToList();
        var detailDrops = Enumerable.Range(0, count).Select(_ => new List<string>()).ToList();
        foreach (var line in games.Skip(1))
        {
            var season = Season(line.Split(',')[1]);
            gameDrops[Deal(season, gamesDrop[season])].Add(line);
        }
        foreach (var line in details.Skip(1))
        {
            var season = Season(line[..line.IndexOf(',', StringComparison.Ordinal)]);
            var drop = Deal(season, detailsDrop[season]);
            detailDrops[drop].Add(line);
            var fields = line.Split(',');
            if (season != seasons[0] && drop < count - 1 && random.Next(20) == 0 && fields[^2].Length > 0)
            {
                fields[^2] = random.Next(8) == 0 ? "abc" : (random.Next(40) + ".0"); // a correction, sometimes a broken one
                detailDrops[random.Next(drop + 1, count)].Add(string.Join(',', fields));
            }
        }
        gameDrops[gamesDrop[seasons[^1]]].Add("not-a-date," + games[^1][(games[^1].IndexOf(',', StringComparison.Ordinal) + 1)..]);
        var drops = Enumerable.Range(0, count).Select(d => new List<(string, string)>
        {
            ($"games_{d:D2}.csv", string.Join('\n', [games[0], .. gameDrops[d]]) + "\n"),
            ($"games_details_{d:D2}.csv", string.Join('\n', [details[0], .. detailDrops[d]]) + "\n"),
        }).ToList();
        drops[^1].Add(($"games_{count:D2}_copy.csv", drops[0][0].Item2));
        return drops;
    }

    /// <summary>
    /// Drop 1: seasons 2018 and 2019. Drop 2: season 2020 but three of its games held back (their box scores are
    /// rejected as unknown_game). Drop 3: the held-back games, and a re-export of 2019 box scores with points changed.
    /// </summary>
    private static List<List<(string Name, string Content)>> MakeDrops(string generated)
    {
        var games = File.ReadAllLines(Path.Combine(generated, "games.csv"));
        var details = File.ReadAllLines(Path.Combine(generated, "games_details.csv"));
        static string Season(string gameId) => gameId.Substring(1, 2);
        var gameLines = games.Skip(1).ToList();
        var detailLines = details.Skip(1).ToList();
        var late = gameLines.Where(l => Season(l.Split(',')[1]) == "20").Select(l => l.Split(',')[1]).Where(id => id.StartsWith('2')).Take(3).ToHashSet();
        var reExport = detailLines.Where(l => Season(l.Split(',')[0]) == "19" && !l.Contains(",,,,,,,,", StringComparison.Ordinal)).Take(5)
            .Select(l => { var f = l.Split(','); f[^2] = "44.0"; return string.Join(',', f); });

        string Games(IEnumerable<string> lines) => string.Join('\n', [games[0], .. lines]) + "\n";
        string Details(IEnumerable<string> lines) => string.Join('\n', [details[0], .. lines]) + "\n";
        return
        [
            [("games_1.csv", Games(gameLines.Where(l => Season(l.Split(',')[1]) is "18" or "19"))),
             ("games_details_1.csv", Details(detailLines.Where(l => Season(l.Split(',')[0]) is "18" or "19")))],
            [("games_2.csv", Games(gameLines.Where(l => Season(l.Split(',')[1]) == "20" && !late.Contains(l.Split(',')[1])))),
             ("games_details_2.csv", Details(detailLines.Where(l => Season(l.Split(',')[0]) == "20")))],
            [("games_3.csv", Games(gameLines.Where(l => late.Contains(l.Split(',')[1])))),
             ("games_details_3.csv", Details(reExport))],
        ];
    }

    /// <summary>
    /// One season's lines as a lake fed day by day receives them, one game a "day" in game id order, with the operation
    /// and file count each run should leave silver box scores with: all but the last games at once; a day; a day of box
    /// scores whose game comes the next day; that game; a re-export of an early box score with other points; then days
    /// until the bucket is rebuilt, and one more.
    /// </summary>
    private static (List<List<(string Name, string Content)>> Drops, List<string> Operations) DayDrops(string generated)
    {
        var games = File.ReadAllLines(Path.Combine(generated, "games.csv"));
        var details = File.ReadAllLines(Path.Combine(generated, "games_details.csv"));
        var byGame = details.Skip(1).GroupBy(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).ToDictionary(g => g.Key, g => g.ToList());
        // The days are the last games with box scores and one line each; the generator's other games before them (exported
        // twice, or with no box scores) land with the first drop, those after them not at all.
        var ordered = games.Skip(1).OrderBy(l => int.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var single = ordered.GroupBy(l => l.Split(',')[1]).Where(g => g.Count() == 1 && byGame.ContainsKey(g.Key)).Select(g => g.Key).ToHashSet();
        var added = TransformStage.MaxFilesPerBucket - 1;
        var days = 3 + added + 2;
        string Games(IEnumerable<string> lines) => string.Join('\n', [games[0], .. lines]) + "\n";
        string Details(IEnumerable<string> lines) => string.Join('\n', [details[0], .. lines]) + "\n";
        string Id(string gameLine) => gameLine.Split(',')[1];
        List<(string, string)> Day(int d, string? gameLine, IEnumerable<string> detailLines) =>
            [.. gameLine is null ? [] : new[] { ($"games_{d:D2}.csv", Games([gameLine])) }, ($"games_details_{d:D2}.csv", Details(detailLines))];

        var last = ordered.Where(l => single.Contains(Id(l))).TakeLast(days).ToList();
        var first = ordered.TakeWhile(l => l != last[0]).ToList();
        var correction = byGame[Id(first[0])][0].Split(',');
        correction[^2] = correction[^2] == "7.0" ? "8.0" : "7.0";
        List<List<(string, string)>> drops =
        [
            [("games_00.csv", Games(first)), ("games_details_00.csv", Details(first.SelectMany(g => byGame.GetValueOrDefault(Id(g)) ?? [])))],
            Day(1, last[0], byGame[Id(last[0])]),
            Day(2, null, byGame[Id(last[1])]),
            Day(3, last[1], []),
            Day(4, null, [string.Join(',', correction)]),
            .. Enumerable.Range(0, added + 2).Select(i => Day(5 + i, last[2 + i], byGame[Id(last[2 + i])])),
        ];
        List<string> operations =
        [
            // (the day of box scores alone adds no file of box scores: they are all rejects)
            "replace 1", "append 2", "append 2", "replace 1", "replace 1",
            .. Enumerable.Range(0, added).Select(i => $"append {2 + i}"), "replace 1", "append 2",
        ];
        return (drops, operations);
    }
}
