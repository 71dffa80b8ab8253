using NbaLake.Generate;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using Serilog.Core;

namespace NbaLake.Tests.Host;

/// <summary>A lake fed drop after drop ends where a lake fed everything at once ends, touching only what changed.</summary>
public class IncrementalRunTests
{
    private static readonly TableId Details = new("silver", "fct_game_details");

    [Fact]
    public async Task Three_drops_give_the_gold_of_one_run_over_all_of_them_and_rewrite_only_touched_seasons()
    {
        using var source = new TempLake();
        await DataSetGenerator.WriteAsync(source.Landing, new GeneratorOptions(3, 6, 2018, 5), TestContext.Current.CancellationToken);
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
            seasonsWritten.Add(string.Join(",", current.Files.Values.Where(f => f.AddedIn == current.Version).Select(f => f.Path.Split('/')[0])));
        }

        Assert.Equal(["season=2018,season=2019", "season=2020", "season=2019,season=2020"], seasonsWritten);
        Assert.Equal("0", unknownGames[0]);
        Assert.True(int.Parse(unknownGames[1], System.Globalization.CultureInfo.InvariantCulture) >= 3 * 20, "drop 2's box scores of the held-back games are rejected");
        Assert.Equal("0", unknownGames[2]);
    }

    [Fact]
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
}
