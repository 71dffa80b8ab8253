using NbaLake.Activate.Catalog;
using NbaLake.Generate;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Tests.Publish.NewTable;
using NbaLake.Tests.Support;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace NbaLake.Tests.Publish;

/// <summary>
/// A gold table is its definition, its row type and its part (<see cref="IGoldPart{TSelf, TRow}"/>): publish finds it
/// through the definition, builds it with the other gold tables in one pass over silver, caches its part per season
/// and lists it in the catalog. <see cref="PlayerGameSpan"/> is such a table, written in three files and nowhere else.
/// </summary>
public class GoldTableTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task A_table_of_three_files_is_built_cached_per_season_rebuilt_for_the_changed_season_only_and_catalogued()
    {
        var ct = TestContext.Current.CancellationToken;
        using var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, new GeneratorOptions(Seasons: 3, Teams: 6, FirstSeason: 2018, Seed: 7), ct);
        Assert.Equal(0, (await lake.RunAsync("ingest")).ExitCode);
        Assert.Equal(0, (await lake.RunAsync("transform")).ExitCode);
        IReadOnlyList<TableDefinition> tables = [.. LakeTables.All, PlayerGameSpan.Definition];
        var log = new Messages();

        await PublishAsync(lake, tables, log, ct);

        Assert.Equal(Expected(lake), lake.Query("gold", "player_game_span", Columns));
        Assert.Contains(log.Lines, l => l.StartsWith("Gold from 3 silver seasons: 3 built from silver, 0 from the cache", StringComparison.Ordinal));
        var cached = CacheEntries(lake);
        Assert.Equal(3, cached.Count);

        // A re-export of five box scores of 2019-20 with other points: that season's part is built again, no other.
        lake.Land("games_details_fix.csv", ReExport(lake.Landing, season: "19", points: "44.0"));
        Assert.Equal(0, (await lake.RunAsync("ingest")).ExitCode);
        Assert.Equal(0, (await lake.RunAsync("transform")).ExitCode);
        log.Lines.Clear();

        var store = await PublishAsync(lake, tables, log, ct);

        Assert.Equal(Expected(lake), lake.Query("gold", "player_game_span", Columns));
        Assert.Contains(log.Lines, l => l.StartsWith("Gold from 3 silver seasons: 1 built from silver, 2 from the cache", StringComparison.Ordinal));
        var after = CacheEntries(lake);
        Assert.Equal(3, after.Count);
        Assert.Equal(2, after.Intersect(cached).Count()); // the same entries, untouched
        Assert.Equal(2, store.Current(PlayerGameSpan.Table)!.Version);

        var table = (await CatalogBuilder.BuildAsync(tables, store, DateTimeOffset.UtcNow, ct)).Find("gold.player_game_span");
        Assert.NotNull(table);
        Assert.Equal("one row per player with a game played", table.Grain);
        Assert.Equal(["silver.fct_game_details"], table.Upstream);
        Assert.Equal(2, table.Version);
        Assert.Equal(["player_id", "player_name", "games_played", "points", "first_game_date", "last_game_date"], table.Columns.Select(c => c.Name));
        Assert.All(table.Columns, c => Assert.False(string.IsNullOrEmpty(c.Description), $"{c.Name} has no description"));
        Assert.True(table.Columns.Single(c => c.Name == "player_name").PersonalData);
    }

    [Fact]
    public void Every_gold_table_of_the_registry_has_a_sql_twin_the_cross_check_runs()
    {
        var gold = LakeTables.All.Where(d => d.Table.Layer == "gold").Select(d => d.Table.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(gold, GoldSql.Tables.Order(StringComparer.Ordinal));
        Assert.All(gold, t => Assert.True(File.Exists(Path.Combine(Repo.Root, "sql", "gold", t + ".sql")), $"sql/gold/{t}.sql is missing"));
    }

    private const string Columns = "SELECT player_id || ' ' || player_name || ' ' || games_played || ' ' || points || ' ' || first_game_date || ' ' || last_game_date FROM {t} ORDER BY player_id";

    /// <summary>The table as one query over silver computes it (the latest name: the row of the latest game, highest player_id within it).</summary>
    private static List<string> Expected(TempLake lake) => lake.Query("silver", "fct_game_details", """
        SELECT player_id || ' ' || arg_max(player_name, (game_date, game_id)) || ' ' || count(*) FILTER (WHERE did_play) || ' '
            || coalesce(sum(pts) FILTER (WHERE did_play), 0) || ' ' || min(game_date) FILTER (WHERE did_play) || ' ' || max(game_date) FILTER (WHERE did_play)
        FROM {t} GROUP BY player_id HAVING count(*) FILTER (WHERE did_play) > 0 ORDER BY player_id
        """);

    /// <summary>Runs the gold step as the job does, over <paramref name="tables"/>: the runner finds publish through the definitions.</summary>
    private static async Task<TableStore> PublishAsync(TempLake lake, IReadOnlyList<TableDefinition> tables, Messages log, CancellationToken ct)
    {
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "20260101T000000000Z-test", Logger.None);
        var logger = new LoggerConfiguration().WriteTo.Sink(log).CreateLogger();
        var runner = new Runner(store, _ => new PublishStage(new PublishOptions(), logger), logger);
        var reports = await runner.RunAsync(tables, d => d.Table.Layer == "gold", ct);
        Assert.False(Assert.Single(reports).UpToDate);
        return store;
    }

    /// <summary>The cache's entries by name and time of writing.</summary>
    private static List<string> CacheEntries(TempLake lake) =>
        [.. Directory.GetFiles(Path.Combine(lake.Lake, "_meta", "cache", "gold")).Select(f => $"{Path.GetFileName(f)} {File.GetLastWriteTimeUtc(f):O}")];

    /// <summary>Five box-score lines of one season (game ids 2SS…) with other points, as a new landed file.</summary>
    private static string ReExport(string landing, string season, string points)
    {
        var details = File.ReadAllLines(Path.Combine(landing, "games_details.csv"));
        var lines = details.Skip(1).Where(l => l.Split(',')[0].Substring(1, 2) == season && !l.Contains(",,,,,,,,", StringComparison.Ordinal)).Take(5)
            .Select(l => { var f = l.Split(','); f[^2] = points; return string.Join(',', f); });
        return string.Join('\n', [details[0], .. lines]) + "\n";
    }

    /// <summary>The rendered log messages.</summary>
    private sealed class Messages : ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(LogEvent logEvent)
        {
            lock (Lines)
            {
                Lines.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
