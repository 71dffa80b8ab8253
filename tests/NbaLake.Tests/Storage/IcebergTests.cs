using System.Diagnostics;
using System.Text.Json;
using NbaLake.Storage;
using NbaLake.Storage.Iceberg;
using NbaLake.Tests.Support;
using NbaLake.Transform.Quality;
using Serilog.Core;

namespace NbaLake.Tests.Storage;

/// <summary>
/// Every table is also an Apache Iceberg v2 table at its folder (lake-contract.md, Gold), read here by an independent
/// reader, icebird: the same rows as the plain Parquet view, at every kept version, after a restore, after the lake
/// moved; and Avro files that carry Iceberg's field ids.
/// </summary>
public class IcebergTests
{
    /// <summary>A lake of the small fixture run twice (the second run adds a box score), so tables have new and kept files.</summary>
    private static async Task<TempLake> LakeWithHistoryAsync(params string[] settings)
    {
        var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run", settings)).ExitCode);
        lake.Land("games_details_more.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900004", pts: "99.0")));
        Assert.Equal(0, (await lake.RunAsync("run", settings)).ExitCode);
        return lake;
    }

    private static TableStore Store(string lake) => new(new LakeLayout(lake, lake), "check", Logger.None);

    /// <summary>Icebird reads every table of the lake at <paramref name="lake"/> with the plain view's rows, opening nothing outside it.</summary>
    private static async Task EveryTableReadsAsItsPlainFolderAsync(string lake)
    {
        var store = Store(lake);
        var tables = store.Tables().ToList();
        Assert.NotEmpty(tables);
        var reads = await Icebird.RowsAsync(tables.Select(t => Path.Combine(lake, t.Layer, t.Name)));
        foreach (var (table, read) in tables.Zip(reads))
        {
            var folder = Path.Combine(lake, table.Layer, table.Name);
            Assert.Equal(store.Current(table)!.Version, read.Snapshot);
            Icebird.SameRows(table.ToString(), Icebird.PlainRows(folder, read.Columns), read.Rows);
            Assert.All(read.Opened, path => Assert.StartsWith(lake + "/", path, StringComparison.Ordinal));
        }
    }

    private static JsonElement Metadata(string lake, TableId table, int version) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(lake, table.Layer, table.Name, "metadata", IcebergTable.MetadataFileName(version)))).RootElement;

    [Fact(Timeout = Timeouts.Job)]
    public async Task Every_table_read_as_Iceberg_by_icebird_has_exactly_the_rows_of_its_plain_Parquet_folder()
    {
        using var lake = await LakeWithHistoryAsync();

        await EveryTableReadsAsItsPlainFolderAsync(lake.Lake);

        var store = Store(lake.Lake);
        foreach (var table in store.Tables())
        {
            var version = store.Current(table)!.Version;
            Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                File.ReadAllText(Path.Combine(lake.Table(table.Layer, table.Name), "metadata", IcebergTable.HintFile)));
            var metadata = Metadata(lake.Lake, table, version);
            var spec = metadata.GetProperty("partition-specs")[0].GetProperty("fields");
            if (table == TableId.Silver("fct_game_details"))
            {
                var season = metadata.GetProperty("schemas").EnumerateArray().Last().GetProperty("fields").EnumerateArray()
                    .Single(f => f.GetProperty("name").GetString() == "season").GetProperty("id").GetInt32();
                Assert.Equal("identity", spec.EnumerateArray().Single().GetProperty("transform").GetString());
                Assert.Equal(season, spec[0].GetProperty("source-id").GetInt32());
            }
            else
            {
                Assert.Equal(0, spec.GetArrayLength());
            }
            var summary = metadata.GetProperty("snapshots").EnumerateArray().Last().GetProperty("summary");
            Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.GetProperty("nbalake.version").GetString());
            Assert.Equal(store.Current(table)!.RunId, summary.GetProperty("nbalake.run-id").GetString());
            Assert.Contains("\"names\"", metadata.GetProperty("properties").GetProperty("schema.name-mapping.default").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Time_travel_to_each_kept_version_reads_that_version_and_a_dropped_version_leaves_the_metadata()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        foreach (var games in (string[])["20", "30", "40", "50"])
        {
            Assert.Equal(0, (await lake.RunAsync("run", "--Lake:KeepVersions=3", $"--Publish:StretchGames={games}")).ExitCode);
        }
        var store = Store(lake.Lake);
        var table = TableId.Gold("team_best_stretch");
        Assert.Equal(4, store.Current(table)!.Version);

        int[] kept = [2, 3, 4];
        var reads = await Icebird.RowsAsync([.. kept.Select(v => (lake.Table("gold", "team_best_stretch"), (string?)IcebergTable.MetadataFileName(v)))]);
        foreach (var (version, read) in kept.Zip(reads))
        {
            Assert.Equal(version, read.Snapshot);
            var folder = Path.Combine(lake.Lake, "_meta", "tables", "gold", "team_best_stretch", LakeLayout.VersionName(version));
            Icebird.SameRows($"{table} v{version}", Icebird.PlainRows(folder, read.Columns), read.Rows);
        }
        var metadata = Metadata(lake.Lake, table, 4);
        Assert.Equal([2L, 3L, 4L], metadata.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("snapshot-id").GetInt64()));
        Assert.Equal(4, metadata.GetProperty("refs").GetProperty("main").GetProperty("snapshot-id").GetInt32());
        Assert.Equal(2, metadata.GetProperty("metadata-log").GetArrayLength());
        var files = Directory.GetFiles(Path.Combine(lake.Table("gold", "team_best_stretch"), "metadata")).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(files, f => f!.StartsWith("v1.", StringComparison.Ordinal) || f.Contains("-1-", StringComparison.Ordinal));
        await Assert.ThrowsAsync<IcebirdException>(() => Icebird.RowsAsync(lake.Table("gold", "team_best_stretch"), IcebergTable.MetadataFileName(1)));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task After_a_restore_the_Iceberg_table_reads_the_restored_rows_and_its_snapshot_says_so()
    {
        using var lake = await LakeWithHistoryAsync();

        Assert.Equal(0, (await lake.RunAsync("restore", "silver.fct_game_details", "--version", "1")).ExitCode);

        await EveryTableReadsAsItsPlainFolderAsync(lake.Lake);
        var summary = Metadata(lake.Lake, TableId.Silver("fct_game_details"), 3).GetProperty("snapshots").EnumerateArray().Last().GetProperty("summary");
        Assert.Equal("restore v1", summary.GetProperty("nbalake.operation").GetString());
        Assert.Equal("overwrite", summary.GetProperty("operation").GetString());
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_moved_or_copied_lake_reads_at_its_new_place_after_a_run_with_nothing_new_and_nothing_outside_it_is_read()
    {
        using var lake = await LakeWithHistoryAsync();
        var copied = Path.Combine(lake.Root, "copied");
        var moved = Path.Combine(lake.Root, "moved");
        using (var cp = Process.Start("cp", ["-a", lake.Lake, copied]))
        {
            await cp.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, cp.ExitCode);
        }
        Directory.Move(lake.Lake, moved);
        // Before a run, the metadata still names the old place: gone for the moved lake.
        var before = await Assert.ThrowsAsync<IcebirdException>(() => Icebird.RowsAsync(Path.Combine(moved, "silver", "games")));
        Assert.Contains("ENOENT", before.Message, StringComparison.Ordinal);

        foreach (var place in (string[])[moved, copied])
        {
            using var output = new StringWriter();
            var code = await Cli.InvokeAsync(["run", "--lake", place, "--landing", lake.Landing, "--config", Path.Combine(lake.Root, "none.json")],
                output, TestContext.Current.CancellationToken);
            Assert.True(code == 0, output.ToString());
            Assert.Contains("not where the table is (a moved lake", output.ToString(), StringComparison.Ordinal);
            await EveryTableReadsAsItsPlainFolderAsync(place);
        }
        // The copy's metadata names the copy; nothing of the original lake was read or needed.
        Assert.StartsWith(LakeLayout.FileUri(copied) + "/", Metadata(copied, TableId.Gold("answers"), 2).GetProperty("snapshots")[0].GetProperty("manifest-list").GetString(),
            StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Every_Avro_file_carries_field_ids_and_decodes_with_avsc_and_Lake_MetadataRoot_is_the_root_of_every_location()
    {
        using var lake = await LakeWithHistoryAsync("--Lake:MetadataRoot=s3://bucket/nba/lake/");
        var avro = Directory.GetFiles(Path.Combine(lake.Lake, "_meta", "tables"), "*.avro", SearchOption.AllDirectories);

        var files = await Icebird.AvroAsync(avro);

        Assert.Equal(avro.Length, files.Count);
        Assert.All(files, f => Assert.Empty(f.Problems));
        Assert.All(files.Where(f => Path.GetFileName(f.File).StartsWith("manifest-", StringComparison.Ordinal)),
            f => Assert.Superset(new HashSet<string> { "schema", "schema-id", "partition-spec", "partition-spec-id", "format-version", "content" }, f.Keys!.ToHashSet()));
        Assert.All(files, f => Assert.All(f.Locations!, l => Assert.StartsWith("s3://bucket/nba/lake/_meta/tables/", l, StringComparison.Ordinal)));
        Assert.Contains(files, f => f.Locations!.Any(l => l.Contains("/v000002/data/season=2019/", StringComparison.Ordinal)));
        Assert.Equal("s3://bucket/nba/lake/silver/games", Metadata(lake.Lake, TableId.Silver("games"), 2).GetProperty("location").GetString());

        // Without the setting, the next run names the lake's own place again.
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(LakeLayout.FileUri(lake.Lake) + "/silver/games", Metadata(lake.Lake, TableId.Silver("games"), 2).GetProperty("location").GetString());
        await EveryTableReadsAsItsPlainFolderAsync(lake.Lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Metadata_that_is_missing_or_stale_is_written_again_from_the_commit_log_by_the_next_run()
    {
        using var lake = await LakeWithHistoryAsync();
        Directory.Delete(Path.Combine(lake.Lake, "_meta", "tables", "gold", "answers", "metadata"), recursive: true);
        // As a run killed between silver.games' commit and its version hint leaves it.
        var games = Path.Combine(lake.Lake, "_meta", "tables", "silver", "games", "metadata");
        File.WriteAllText(Path.Combine(games, IcebergTable.HintFile), "1");
        File.Delete(Path.Combine(games, IcebergTable.MetadataFileName(2)));
        foreach (var list in Directory.GetFiles(games, "snap-2-*.avro"))
        {
            File.Delete(list);
        }

        var (code, _) = await lake.RunAsync("run");

        Assert.Equal(0, code);
        var output = File.ReadAllText(Directory.GetFiles(Path.Combine(lake.Lake, "logs"), "run-*.json").Order(StringComparer.Ordinal).Last());
        Assert.Contains("Iceberg metadata from its commit log", output, StringComparison.Ordinal);
        Assert.Contains("it has no Iceberg metadata yet", output, StringComparison.Ordinal); // gold.answers
        Assert.Contains("its Iceberg version hint is not v2", output, StringComparison.Ordinal); // silver.games
        await EveryTableReadsAsItsPlainFolderAsync(lake.Lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_version_with_no_file_is_a_snapshot_with_no_manifest_which_icebird_0_3_1_refuses_to_read()
    {
        using var lake = new TempLake();
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        var table = new TableId("_ops", "empty_test");
        var file = ParquetRows.File("part-1.parquet", new[] { new QualityResultRow { RunId = "run 1", Rule = "r" } });
        await store.AppendAsync(table, [file], ct: TestContext.Current.CancellationToken);
        await store.ReplaceAsync(table, [], new Dictionary<string, string>(), TestContext.Current.CancellationToken);

        // pyiceberg and Spark read such a snapshot as no rows; icebird 0.3.1 throws (docs/decisions.md).
        var empty = await Assert.ThrowsAsync<IcebirdException>(() => Icebird.RowsAsync(lake.Table("_ops", "empty_test")));
        Assert.Contains("No data manifest files found for current snapshot", empty.Message, StringComparison.Ordinal);
        Assert.Single((await Icebird.RowsAsync(lake.Table("_ops", "empty_test"), IcebergTable.MetadataFileName(1))).Rows);
        Assert.Equal("0", Metadata(lake.Lake, table, 2).GetProperty("snapshots")[1].GetProperty("summary").GetProperty("total-records").GetString());
    }

    [Fact]
    public void Field_ids_are_given_on_first_appearance_and_kept_a_column_added_later_or_ever_null_is_optional_and_a_changed_type_is_a_new_field()
    {
        var history = new TableHistory();
        history.Add(Entry(1, "a: Int32", "b: String?", "c: DateOnly"));
        history.Add(Entry(2, "a: Int64", "b: String?", "c: DateOnly", "d: Double"));
        history.Add(Entry(3, "a: Int64", "d: Double", "b: Int32"));
        history.Add(Entry(4, "a: Int64", "d: Double", "b: Int32"));

        Assert.Equal([new(1, "a", "int", true), new(2, "b", "string", false), new(3, "c", "date", true)], history.Schemas[history.Snapshot(1).SchemaId]);
        Assert.Equal([new(1, "a", "long", true), new(2, "b", "string", false), new(3, "c", "date", true), new(4, "d", "double", false)],
            history.Schemas[history.Snapshot(2).SchemaId]);
        Assert.Equal([new IcebergField(1, "a", "long", true), new(4, "d", "double", false), new(5, "b", "int", false)], history.Schemas[history.Snapshot(3).SchemaId]);
        Assert.Equal(history.Snapshot(3).SchemaId, history.Snapshot(4).SchemaId);
        Assert.Equal(5, history.Snapshot(4).LastColumnId);

        static CommitEntry Entry(int version, params string[] schema) => new("_ops.t", version, "run", DateTimeOffset.UnixEpoch.AddDays(version), "append",
            0, 0, [], [], schema, new Dictionary<string, string>(), new Dictionary<string, System.Text.Json.Nodes.JsonNode?>());
    }

    [Fact]
    public void A_new_file_under_data_replaces_the_file_of_its_slot_that_a_lake_written_before_keeps_at_the_top_of_its_version()
    {
        Assert.Equal("part-g1900.parquet", PendingVersion.Slot("part-g1900-0123456789abcdef.parquet"));
        Assert.Equal("part-g1900.parquet", PendingVersion.Slot("data/part-g1900-fedcba9876543210.parquet"));
        Assert.Equal("season=2019/part-g1900.parquet", PendingVersion.Slot("data/season=2019/part-g1900-fedcba9876543210.parquet"));
    }
}
