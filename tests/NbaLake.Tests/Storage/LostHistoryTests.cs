using NbaLake.Storage;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Storage;

/// <summary>
/// A lake knows what it holds (lake.json): a lost history (the commit logs deleted, one table's log deleted or cut
/// short) stops every command with exit 6 and the fix, instead of a run starting the tables again at v1 (issue 16).
/// </summary>
public class LostHistoryTests
{
    private static readonly string[] ReadingCommands = ["status", "verify", "answers", "catalog"];

    [Theory(Timeout = Timeouts.Job)]
    [InlineData("_meta/tables")]
    [InlineData("_meta")]
    public async Task Deleting_the_commit_logs_stops_every_command_with_exit_6_and_a_run_commits_nothing(string deleted)
    {
        using var lake = await RanAsync();
        Directory.Delete(Path.Combine(lake.Lake, deleted), recursive: true);
        foreach (var file in Directory.EnumerateFiles(lake.Landing))
        {
            File.Delete(file); // landing may be cleaned after a run: a run must not start again from it
        }
        var before = Tree(lake);

        var (run, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.LakeDamaged, run);
        // Every table the run committed: all the registry's but bronze.teams (no teams file landed).
        var committed = LakeTables.All.Select(d => d.Table.ToString()).Where(t => t != "bronze.teams").Order(StringComparer.Ordinal).ToList();
        Assert.Contains($"The history of {string.Join(", ", committed)} is lost: "
            + $"_ops.pipeline_runs: lake.json records it at v1, but its commit log {Path.Combine(lake.Lake, "_meta", "tables", "_ops", "pipeline_runs", "log")} is gone", output, StringComparison.Ordinal);
        Assert.Contains($"and so for the {committed.Count - 2} other table(s). To fix: restore the lost folders ('{Path.Combine(lake.Lake, "_meta", "tables")}') from a copy of the lake", output, StringComparison.Ordinal);
        Assert.Equal(before, Tree(lake));
        foreach (var command in ReadingCommands.Append("validate"))
        {
            var (code, message) = await lake.RunAsync(command, command == "validate" ? ["--landing", lake.Landing] : []);
            Assert.True(code == ExitCodes.LakeDamaged, $"{command}: {message}");
            Assert.Contains("nbalake: the lake is damaged. The history of ", message, StringComparison.Ordinal);
            Assert.Contains("'nbalake rebuild <layer>' builds them again from the layer below as new tables", message, StringComparison.Ordinal);
        }
        var (history, said) = await lake.RunAsync("history", "gold.answers");
        Assert.Equal(ExitCodes.LakeDamaged, history);
        Assert.Contains("is lost", said, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task One_tables_lost_log_stops_the_run_and_rebuild_builds_it_again_from_the_layer_below()
    {
        using var lake = await RanAsync();
        var answers = lake.Query("gold", "answers", "SELECT question_id, answer FROM {t} ORDER BY 1");
        Directory.Delete(Path.Combine(lake.Lake, "_meta", "tables", "silver", "games", "log"), recursive: true);

        var (run, output) = await lake.RunAsync("run");
        var (rebuild, rebuilt) = await lake.RunAsync("rebuild", "silver");

        Assert.Equal(ExitCodes.LakeDamaged, run);
        Assert.Contains("The history of silver.games is lost", output, StringComparison.Ordinal);
        Assert.True(rebuild == ExitCodes.Success, rebuilt);
        Assert.Equal(answers, lake.Query("gold", "answers", "SELECT question_id, answer FROM {t} ORDER BY 1"));
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("status")).ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_commit_log_cut_short_is_a_lost_history_not_an_older_table()
    {
        using var lake = await RanAsync();
        lake.Land("games_details_2.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", playerId: "9", name: "Second Drop")));
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        File.Delete(Path.Combine(lake.Lake, "_meta", "tables", "gold", "answers", "log", "000002.json"));

        var (code, output) = await lake.RunAsync("status");

        Assert.Equal(ExitCodes.LakeDamaged, code);
        Assert.Contains("ends at v1, but lake.json records v2: the entries after v1 are gone", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "")]
    [InlineData("""{"tables": {"silver.games": 1}}""", "silver.games=1")]
    public void A_manifest_missing_fields_keeps_their_defaults_and_is_written_back_whole(string file, string tables)
    {
        using var lake = new TempLake();
        Directory.CreateDirectory(lake.Lake);
        var path = Path.Combine(lake.Lake, LakeManifest.FileName);
        File.WriteAllText(path, file);
        var manifest = new LakeManifest(new LakeLayout(lake.Lake, lake.Landing));

        Assert.Equal(tables, string.Join(",", manifest.Tables!.Select(t => $"{t.Key}={t.Value}")));
        manifest.Record(TableId.Bronze("games"), 2);

        var written = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        Assert.StartsWith("The tables of this NbaLake lake", written["about"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, written["format"]!.GetValue<int>());
        Assert.Equal(string.Join(",", new[] { "bronze.games=2", tables }.Where(t => t.Length > 0)),
            string.Join(",", written["tables"]!.AsObject().Select(t => $"{t.Key}={t.Value}")));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_lake_without_a_manifest_gets_one_from_its_logs_and_a_new_lake_is_no_lost_history()
    {
        using var fresh = new TempLake();
        var (status, said) = await fresh.RunAsync("status");
        Assert.True(status == ExitCodes.Success, said);

        using var lake = await RanAsync();
        var manifest = Path.Combine(lake.Lake, LakeManifest.FileName);
        var written = File.ReadAllText(manifest);
        File.Delete(manifest); // a lake written before lake.json existed

        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("status")).ExitCode);
        Assert.False(File.Exists(manifest), "a command that only reads writes nothing");
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        // The run's own row made _ops.pipeline_runs v2; every other table is as the first run left it.
        Assert.Equal(written.Replace("\"_ops.pipeline_runs\": 1", "\"_ops.pipeline_runs\": 2", StringComparison.Ordinal), File.ReadAllText(manifest));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_link_a_run_killed_mid_switch_left_is_no_lost_table_and_the_next_run_removes_it()
    {
        using var lake = await RanAsync();
        var leftover = Path.Combine(lake.Lake, "gold", ".answers.link-tmp");
        File.CreateSymbolicLink(leftover, Path.Combine("..", "_meta", "tables", "gold", "answers", "v000001"));

        var (status, said) = await lake.RunAsync("status");
        var (run, output) = await lake.RunAsync("run");

        Assert.True(status == ExitCodes.Success, said);
        Assert.True(run == ExitCodes.Success, output);
        Assert.False(File.Exists(leftover) || Directory.Exists(leftover), "recovery removes the leftover link");
    }

    private static Task<TempLake> RanAsync() =>
        TempLake.RanAsync(Csv.File(Csv.GamesHeader, Csv.Game("21900001")), Csv.File(Csv.DetailsHeader, Csv.Detail("21900001"), "21900001,bad"));

    /// <summary>Every file and link below the lake but its run logs and lock, with sizes: what a run that commits nothing leaves alone.</summary>
    private static List<string> Tree(TempLake lake) =>
        [.. Directory.EnumerateFileSystemEntries(lake.Lake, "*", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(Path.Combine(lake.Lake, "logs"), StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("lock", StringComparison.Ordinal)
                && (File.Exists(p) || new FileInfo(p).LinkTarget is not null))
            .Select(p => $"{Path.GetRelativePath(lake.Lake, p)} {new FileInfo(p).Length}").Order(StringComparer.Ordinal)];
}
