using System.Diagnostics;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using NbaLake.Transform.Quality;
using Serilog.Core;

namespace NbaLake.Tests.Storage;

/// <summary>
/// A damaged lake (issue 12): files deleted, cut or changed behind the job's back, a lake copied with its links
/// followed, a read-only lake. Each is noticed, named with what to do, and never ends in a stack trace
/// (docs/bad-input.md, "The lake itself").
/// </summary>
public class LakeIntegrityTests
{
    /// <summary>What System.CommandLine's default handler and .NET print for an unhandled exception.</summary>
    private static void NoStackTrace(string output)
    {
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static string VersionFile(TempLake lake, string layer, string table, int version, string pattern = "*.parquet") =>
        Directory.EnumerateFiles(Path.Combine(lake.Lake, "_meta", "tables", layer, table, $"v{version:D6}"), pattern, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).First();

    private static async Task<TempLake> BuiltLakeAsync()
    {
        var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        return lake;
    }

    private static void CopyFollowingLinks(string from, string to)
    {
        using var cp = Process.Start("cp", ["-rL", from, to])!;
        cp.WaitForExit();
        Assert.Equal(0, cp.ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_deleted_silver_partition_stops_every_run_with_exit_6_naming_the_table_and_the_fix()
    {
        using var lake = await BuiltLakeAsync();
        var gold = LakeCheck.GoldBytes(lake.Lake);
        File.Delete(Directory.EnumerateFiles(lake.Table("silver", "fct_game_details"), "*.parquet", SearchOption.AllDirectories).First());

        var (status, statusOutput) = await lake.RunAsync("status");
        var (run, runOutput) = await lake.RunAsync("run");
        var (verify, verifyOutput) = await lake.RunAsync("verify");

        Assert.Equal(ExitCodes.LakeDamaged, status);
        Assert.Contains("silver.fct_game_details v1 (current):", statusOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.LakeDamaged, run);
        Assert.Contains("silver.fct_game_details v1 (current):", runOutput, StringComparison.Ordinal);
        Assert.Contains("is missing", runOutput, StringComparison.Ordinal);
        Assert.Contains("run 'nbalake rebuild silver'", runOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.LakeDamaged, verify);
        Assert.Contains("DAMAGED  silver.fct_game_details", verifyOutput, StringComparison.Ordinal);
        LakeCheck.SameBytes(gold, LakeCheck.GoldBytes(lake.Lake));
        NoStackTrace(statusOutput + runOutput + verifyOutput);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Rebuild_silver_writes_every_file_anew_and_repairs_the_versions_that_shared_the_damage()
    {
        using var lake = await BuiltLakeAsync();
        var gold = LakeCheck.GoldBytes(lake.Lake);
        var silver = LakeCheck.Bytes(lake.Table("silver", "fct_game_details"));
        File.Delete(Directory.EnumerateFiles(lake.Table("silver", "fct_game_details"), "*.parquet", SearchOption.AllDirectories).First());

        var (code, output) = await lake.RunAsync("rebuild", "silver");

        Assert.Equal(0, code);
        Assert.Contains("Committed silver.fct_game_details v2 (rebuild)", output, StringComparison.Ordinal);
        LakeCheck.SameBytes(silver, LakeCheck.Bytes(lake.Table("silver", "fct_game_details")));
        LakeCheck.SameBytes(gold, LakeCheck.GoldBytes(lake.Lake));
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
        Assert.Equal(0, (await lake.RunAsync("verify")).ExitCode); // v1 got the rebuilt file back: it is restorable again
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task The_store_never_carries_a_missing_or_cut_file_into_a_new_version_nor_restores_one()
    {
        using var lake = new TempLake();
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        var table = new TableId("_ops", "integrity_test");
        static TableFile File(int n) => ParquetRows.File($"part-{n}.parquet", new[] { new QualityResultRow { RunId = $"run {n}", Rule = "r" } });
        var ct = TestContext.Current.CancellationToken;
        await store.AppendAsync(table, [File(1)], ct: ct);
        await store.AppendAsync(table, [File(2)], ct: ct);
        var first = VersionFile(lake, "_ops", "integrity_test", 2, "part-1-*.parquet");
        System.IO.File.WriteAllBytes(first, new byte[new FileInfo(first).Length]); // v1 and v2 share it: both damaged, sizes right
        using (var second = new FileStream(VersionFile(lake, "_ops", "integrity_test", 2, "part-2-*.parquet"), FileMode.Open))
        {
            second.SetLength(10);
        }

        var append = await Assert.ThrowsAsync<LakeDamagedException>(() => store.AppendAsync(table, [File(3)], ct: ct));
        var restore = Assert.Throws<LakeDamagedException>(() => store.RestoreVersion(table, 1));

        Assert.Equal([(table, 2, true)], append.Damage.Select(d => (d.Table, d.Version, d.Current)));
        Assert.Contains("has 10 bytes, the log says", append.Message, StringComparison.Ordinal);
        Assert.Equal([(table, 1, false)], restore.Damage.Select(d => (d.Table, d.Version, d.Current)));
        Assert.Equal(2, store.Current(table)!.Version);
        Assert.False(Directory.Exists(Path.Combine(lake.Lake, "_meta", "tables", "_ops", "integrity_test", "v000003")));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_file_added_below_a_table_folder_is_damage_too()
    {
        using var lake = await BuiltLakeAsync();
        var silver = lake.Table("silver", "games");
        File.Copy(Directory.EnumerateFiles(Path.Combine(silver, "data")).First(), Path.Combine(silver, "part-extra.parquet"));

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.LakeDamaged, code);
        Assert.Contains("silver.games v1 (current): part-extra.parquet is not in the log", output, StringComparison.Ordinal);
        File.Delete(Path.Combine(silver, "part-extra.parquet"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Rebuild_gold_trusts_no_cache_only_silver()
    {
        using var lake = await BuiltLakeAsync();
        var gold = LakeCheck.GoldBytes(lake.Lake);
        var cache = Directory.GetFiles(Path.Combine(lake.Lake, "_meta", "cache", "gold")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, cache.Count);
        File.Copy(cache[0], cache[1], overwrite: true); // a cache entry that reads fine but holds another season's part

        Assert.Equal(0, (await lake.RunAsync("rebuild", "gold")).ExitCode);

        LakeCheck.SameBytes(gold, LakeCheck.GoldBytes(lake.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Rebuild_of_bronze_or_of_no_layer_is_refused_with_what_to_do_instead()
    {
        using var lake = await BuiltLakeAsync();

        var (bronze, output) = await lake.RunAsync("rebuild", "bronze");

        Assert.Equal(ExitCodes.BadUsage, bronze);
        Assert.Contains("bronze cannot be rebuilt", output, StringComparison.Ordinal);
        Assert.Contains("nbalake history bronze.", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, (await lake.RunAsync("rebuild", "platinum")).ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_truncated_gold_file_damages_every_version_sharing_it_and_none_of_them_is_restored()
    {
        using var lake = await BuiltLakeAsync();
        var gold = LakeCheck.GoldBytes(lake.Lake);
        Assert.Equal(0, (await lake.RunAsync("restore", "gold.answers", "--version", "1")).ExitCode); // v2: the same file, linked
        using (var file = new FileStream(VersionFile(lake, "gold", "answers", 2), FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var (history, historyOutput) = await lake.RunAsync("history", "gold.answers");
        var (restore, restoreOutput) = await lake.RunAsync("restore", "gold.answers", "--version", "1");
        var (answers, answersOutput) = await lake.RunAsync("answers");
        var (run, runOutput) = await lake.RunAsync("run");

        Assert.Equal(0, history);
        Assert.Contains("v1 is damaged and cannot be restored", historyOutput, StringComparison.Ordinal);
        Assert.Contains("v2 is damaged and cannot be restored", historyOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(" yes", historyOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.LakeDamaged, restore);
        Assert.Contains("gold.answers v1 cannot be restored", restoreOutput, StringComparison.Ordinal);
        Assert.Contains("'nbalake rebuild gold'", restoreOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.LakeDamaged, answers);
        Assert.Equal(ExitCodes.LakeDamaged, run);
        Assert.Contains("gold.answers v2 (current)", runOutput, StringComparison.Ordinal);
        NoStackTrace(historyOutput + restoreOutput + answersOutput + runOutput);

        Assert.Equal(0, (await lake.RunAsync("rebuild", "gold")).ExitCode);
        LakeCheck.SameBytes(gold, LakeCheck.GoldBytes(lake.Lake));
        Assert.Equal(0, (await lake.RunAsync("verify")).ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Restore_of_a_version_with_a_deleted_file_is_refused_and_history_does_not_offer_it()
    {
        using var lake = await BuiltLakeAsync();
        Assert.Equal(0, (await lake.RunAsync("run", "--Publish:StretchGames=2")).ExitCode); // gold.answers v2, other bytes
        File.Delete(VersionFile(lake, "gold", "answers", 1));

        var (_, history) = await lake.RunAsync("history", "gold.answers");
        var (code, output) = await lake.RunAsync("restore", "gold.answers", "--version", "1");

        Assert.Matches(@"v2 .* yes", history);
        Assert.Matches(@"v1 .* DAMAGED", history);
        Assert.Equal(ExitCodes.LakeDamaged, code);
        Assert.Contains("gold.answers v1 cannot be restored", output, StringComparison.Ordinal);
        Assert.Contains("is missing", output, StringComparison.Ordinal);
        NoStackTrace(output);
        // Readers never see v1: runs go on, and verify names the old version and how to drop it.
        Assert.Equal(0, (await lake.RunAsync("run", "--Publish:StretchGames=2")).ExitCode);
        var (verify, verifyOutput) = await lake.RunAsync("verify");
        Assert.Equal(ExitCodes.LakeDamaged, verify);
        Assert.Contains("is an older version: readers do not see it", verifyOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Verify_reads_every_byte_so_a_change_that_keeps_the_size_is_damage_too()
    {
        using var lake = await BuiltLakeAsync();
        var path = VersionFile(lake, "bronze", "games", 1);
        var bytes = File.ReadAllBytes(path);
        bytes[8] ^= 0xFF; // in the first data page: no footer a run reads changes
        File.WriteAllBytes(path, bytes);

        var (code, output) = await lake.RunAsync("verify");

        Assert.Equal(ExitCodes.LakeDamaged, code);
        Assert.Contains("bronze.games v1 (current)", output, StringComparison.Ordinal);
        Assert.Contains("its SHA-256 differs", output, StringComparison.Ordinal);
        Assert.Contains("'nbalake restore bronze.games --version N'", output, StringComparison.Ordinal);
        // A run checks sizes only (a stat per file): the full hash is verify's, so this run does not see it.
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_file_overwritten_in_place_that_a_command_cannot_read_is_reported_as_the_damaged_table_not_a_parquet_error()
    {
        using var lake = await BuiltLakeAsync();
        var path = VersionFile(lake, "gold", "answers", 1);
        File.WriteAllBytes(path, new byte[new FileInfo(path).Length]);

        var (answers, answersOutput) = await lake.RunAsync("answers");
        var (run, runOutput) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.LakeDamaged, answers);
        Assert.Contains("gold.answers v1 (current): data/part-00000-", answersOutput, StringComparison.Ordinal);
        Assert.Contains("its SHA-256 differs", answersOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.LakeDamaged, run);
        Assert.Contains("run 'nbalake rebuild gold'", runOutput, StringComparison.Ordinal);
        NoStackTrace(answersOutput + runOutput);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_lake_copied_with_its_links_followed_is_put_back_as_versions_and_links_by_the_next_run()
    {
        using var lake = await BuiltLakeAsync();
        var gold = LakeCheck.GoldBytes(lake.Lake);
        using var copy = new TempLake();
        CopyFollowingLinks(lake.Lake, copy.Lake);
        Assert.Null(new DirectoryInfo(copy.Table("gold", "answers")).LinkTarget);
        Directory.CreateDirectory(Path.Combine(copy.Lake, "gold", ".team_best_stretch.link-tmp", "x")); // as a repair killed before its clean-up leaves
        Directory.Delete(Path.Combine(copy.Lake, "_meta", "tables", "silver", "games", "v000001"), recursive: true); // the copied folder has it

        var (code, output) = await copy.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains("gold.answers was a folder, not the link to its version", output, StringComparison.Ordinal);
        Assert.DoesNotContain("a run died between commit and switch", output, StringComparison.Ordinal);
        Assert.Equal("../_meta/tables/gold/answers/v000001", new DirectoryInfo(copy.Table("gold", "answers")).LinkTarget);
        LakeCheck.EveryTableIsOneCommittedVersion(copy.Lake);
        LakeCheck.SameBytes(gold, LakeCheck.GoldBytes(copy.Lake));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(copy.Lake, "gold"), ".*"));
        Assert.Equal(0, (await copy.RunAsync("verify")).ExitCode);
        // The copy made every version's metadata link a folder: each is the link again, and the metadata names the copy.
        Assert.Equal(Path.Combine("..", "metadata"), new DirectoryInfo(Path.Combine(copy.Lake, "_meta", "tables", "gold", "answers", "v000001", "metadata")).LinkTarget);
        var answers = await Icebird.RowsAsync(copy.Table("gold", "answers"));
        Assert.Equal(5, answers.Rows.Count);
        Assert.All(answers.Opened, p => Assert.StartsWith(copy.Lake + "/", p, StringComparison.Ordinal));
        lake.Land("games_details_more.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900004", pts: "99.0")));
        copy.LandFolder(lake.Landing);
        Assert.Equal(0, (await copy.RunAsync("run")).ExitCode);
        LakeCheck.EveryTableIsOneCommittedVersion(copy.Lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_copied_table_folder_that_is_not_its_logged_version_is_left_alone_and_the_run_says_how_to_fix_it()
    {
        using var lake = await BuiltLakeAsync();
        using var copy = new TempLake();
        CopyFollowingLinks(lake.Lake, copy.Lake);
        var folder = copy.Table("gold", "answers");
        File.AppendAllText(Directory.EnumerateFiles(Path.Combine(folder, "data")).Single(), "x");

        var (code, output) = await copy.RunAsync("run");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"To fix: move {folder} out of the lake", output, StringComparison.Ordinal);
        Assert.Null(new DirectoryInfo(folder).LinkTarget);
        NoStackTrace(output);

        Directory.Move(folder, Path.Combine(copy.Root, "answers-aside"));
        Assert.Equal(0, (await copy.RunAsync("run")).ExitCode);
        LakeCheck.EveryTableIsOneCommittedVersion(copy.Lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_table_link_removed_or_pointed_at_an_old_version_is_damage_for_verify_and_status_and_the_run_puts_it_back()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        lake.Land("games_details_more.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900004", pts: "99.0")));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var games = lake.Table("silver", "fct_game_details");
        var version = Path.GetFileName(new DirectoryInfo(games).LinkTarget!);
        Directory.Delete(lake.Table("silver", "games"));
        File.Delete(games);
        File.CreateSymbolicLink(games, Path.Combine("..", "_meta", "tables", "silver", "fct_game_details", "v000001"));

        var (verify, verified) = await lake.RunAsync("verify");
        var (status, shown) = await lake.RunAsync("status");

        Assert.Equal(ExitCodes.LakeDamaged, verify);
        Assert.Contains($"its folder {lake.Table("silver", "games")} is missing (readers find no table)", verified, StringComparison.Ordinal);
        Assert.Contains($"{games} points at ../_meta/tables/silver/fct_game_details/v000001, not at the current version", verified, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.LakeDamaged, status);
        Assert.Contains("silver.games", shown, StringComparison.Ordinal);
        NoStackTrace(verified + shown);

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(version, Path.GetFileName(new DirectoryInfo(games).LinkTarget!));
        Assert.Equal(0, (await lake.RunAsync("verify")).ExitCode);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Answers_whose_files_were_deleted_are_damage_not_no_answers_yet()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        foreach (var file in Directory.GetFiles(lake.Table("gold", "answers"), "*.parquet", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        var (code, output) = await lake.RunAsync("answers");

        Assert.Equal(ExitCodes.LakeDamaged, code);
        Assert.Matches(@"gold\.answers v\d+ \(current\): data/part-\d+-[0-9a-f]{16}\.parquet is missing", output);
        Assert.Contains("To fix: For gold.answers: run 'nbalake rebuild gold'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("yet", output, StringComparison.Ordinal);
        NoStackTrace(output);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task No_command_ends_in_a_stack_trace_on_a_read_only_lake()
    {
        using var lake = new TempLake();
        using var disk = new Tmpfs(lake.Lake, "16m");
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var gold = LakeCheck.GoldBytes(lake.Lake);
        disk.Remount("ro");

        string[][] writers = [["run"], ["ingest"], ["transform"], ["publish"], ["rebuild", "silver"], ["rebuild", "gold"], ["restore", "gold.answers", "--version", "1"]];
        string[][] readers = [["validate", "--landing", lake.Landing], ["status"], ["history", "gold.answers"], ["catalog"], ["answers"], ["verify"]];
        foreach (var command in writers)
        {
            var (code, output) = await lake.RunAsync(command[0], command[1..]);
            Assert.True(code == ExitCodes.Failure, $"{string.Join(' ', command)} exited {code}: {output}");
            Assert.Contains("read-only: remount it read-write", output, StringComparison.Ordinal);
            NoStackTrace(output);
        }
        foreach (var command in readers)
        {
            var (code, output) = await lake.RunAsync(command[0], command[1..]);
            Assert.True(code == 0, $"{string.Join(' ', command)} exited {code}: {output}");
            NoStackTrace(output);
        }
        using var generate = new StringWriter();
        Assert.Equal(ExitCodes.Failure, await Cli.InvokeAsync(["generate", "--out", Path.Combine(lake.Lake, "data")], generate, TestContext.Current.CancellationToken));
        Assert.Contains("To fix: give --out a folder you can write to", generate.ToString(), StringComparison.Ordinal);
        NoStackTrace(generate.ToString());
        LakeCheck.SameBytes(gold, LakeCheck.GoldBytes(lake.Lake));
    }
}
