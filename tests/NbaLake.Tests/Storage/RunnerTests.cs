using System.Text.Json.Serialization;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using NbaLake.Transform;
using Serilog.Core;

namespace NbaLake.Tests.Storage;

/// <summary>The runner wires steps by their tables' upstream ids: a new table needs its definition and its row type, nothing else.</summary>
public class RunnerTests
{
    /// <summary>A table of the test's own: one row per team with its number of games, built from silver.</summary>
    private static readonly TableDefinition TeamGames = new(TableId.Gold("team_games"), typeof(RunnerTests), typeof(TeamGamesRow),
        "one row per team", ["team_id"], [FctGameDetails.Table], CommitMode.Replace, typeof(TeamGamesStep));

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_new_table_is_built_after_its_upstream_from_its_definition_alone_and_skipped_until_that_changes()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "20260101T000000000Z-test", Logger.None);
        IReadOnlyList<TableDefinition> tables = [.. LakeTables.All, TeamGames];
        var runner = new Runner(store, type => type == typeof(TeamGamesStep) ? new TeamGamesStep() : new PublishStage(new PublishOptions(), Logger.None), Logger.None);

        var steps = Runner.Steps(tables).Select(s => s.Step).ToList();
        Assert.True(steps.IndexOf(typeof(TeamGamesStep)) > steps.IndexOf(typeof(TransformStage)), "the new table's step runs after its upstream's");
        var first = await runner.RunAsync(tables, d => d.Table.Layer == "gold", TestContext.Current.CancellationToken);

        Assert.Contains(first, r => r.Step == "team_games" && !r.UpToDate);
        Assert.Equal(
            lake.Query("silver", "fct_game_details", "SELECT team_id || ' ' || count(DISTINCT game_id) FROM {t} GROUP BY team_id ORDER BY 1"),
            lake.Query("gold", "team_games", "SELECT team_id || ' ' || games FROM {t} ORDER BY 1"));
        Assert.Equal("1", store.Current(TeamGames.Table)!.Inputs[FctGameDetails.Table.ToString()]);

        var second = await runner.RunAsync(tables, d => d.Table.Layer == "gold", TestContext.Current.CancellationToken);
        Assert.Contains(second, r => r.Step == "team_games" && r.UpToDate);
        Assert.Equal(1, store.Current(TeamGames.Table)!.Version);
    }

    public sealed class TeamGamesRow
    {
        [JsonPropertyName("team_id")] public long TeamId { get; set; }

        [JsonPropertyName("games")] public long Games { get; set; }
    }

    private sealed class TeamGamesStep : IBuildStep
    {
        public string Name => "team_games";

        public IReadOnlyList<SettingValue> Settings => [];

        public async Task<StepOutput> BuildAsync(StepContext context, CancellationToken ct)
        {
            var games = new Dictionary<long, HashSet<int>>();
            SilverScan.Run(context.Store, _ => true, r => (games.TryGetValue(r.TeamId, out var g) ? g : games[r.TeamId] = []).Add(r.GameId));
            var pending = context.Store.Begin(TeamGames.Table);
            await pending.WriteAsync(ParquetRows.File("part-00000.parquet",
                games.OrderBy(g => g.Key).Select(g => new TeamGamesRow { TeamId = g.Key, Games = g.Value.Count }).ToList()), ct);
            return new StepOutput([new PendingCommit(pending, TableStore.Replace, _ => true)], new StepReport(Name));
        }
    }
}
