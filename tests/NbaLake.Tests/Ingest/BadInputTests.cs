using System.Text;
using NbaLake.Generate;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

/// <summary>One test per row of docs/bad-input.md: each malformed input has one precise outcome.</summary>
public class BadInputTests
{
    private static readonly string GoodGame = Csv.Game("21900001");

    private static List<string> BronzeRejects(TempLake lake) => lake.Query("bronze", "_rejects", "SELECT _source_line, reason FROM {t} ORDER BY ALL");

    [Fact(Timeout = Timeouts.Job)]
    public async Task Empty_file_is_refused()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", "");

        var report = await lake.IngestAsync();

        Assert.Equal(["games.csv: refused, the file is empty; a games file needs a header line with GAME_DATE_EST, GAME_ID, HOME_TEAM_ID, VISITOR_TEAM_ID, SEASON, HOME_TEAM_WINS"], report.Refused);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Header_only_loads_no_rows()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.GamesHeader + "\n");

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["0"], lake.Query("silver", "games", "SELECT count(*) FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Extra_columns_are_left_out_with_a_warning_naming_them()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader + ",SEASON_ID,Arena", GoodGame + ",22019,Staples"));

        var report = await lake.IngestAsync();

        Assert.Equal(["games.csv: left out column(s) the contract does not know for games: SEASON_ID, Arena"], report.Warnings);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Short_and_long_records_go_to_bronze_rejects_as_wrong_field_counts()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame, GoodGame + ",extra", "2019-10-23,21900002,Final,161061"));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["3 | wrong_field_count", "4 | wrong_field_count"], BronzeRejects(lake));
        Assert.Equal(["21900001"], lake.Query("silver", "games", "SELECT game_id FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Unbalanced_quotes_go_to_bronze_rejects_with_their_raw_text()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", string.Join('\n', Csv.GamesHeader, GoodGame, "2019-10-23,21900002,Fi\"nal,1610612747,1610612738,2019,1,2,1",
            Csv.Game("21900003"), "2019-10-25,21900004,\"Final,1610612747,1610612738,2019,1,2,1") + "\n");

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["3 | bad_quoting", "5 | bad_quoting"], BronzeRejects(lake));
        Assert.Equal(["21900001", "21900003"], lake.Query("silver", "games", "SELECT game_id FROM {t} ORDER BY 1"));
        Assert.Contains("\"Final,1610612747", lake.Query("bronze", "_rejects", "SELECT raw_text FROM {t} WHERE _source_line = 5")[0], StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Invalid_utf8_bytes_reject_the_record_instead_of_storing_replacement_characters()
    {
        using var lake = new TempLake();
        var bytes = Encoding.UTF8.GetBytes(Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", name: "Luka Don?i?"))).ToList();
        var at = bytes.IndexOf((byte)'?');
        bytes[at] = 0xC4; // a lead byte with no continuation
        File.WriteAllBytes(Path.Combine(lake.Landing, "games_details.csv"), [.. bytes]);
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["2 | invalid_utf8"], BronzeRejects(lake));
        Assert.Equal(["0"], lake.Query("bronze", "game_details", "SELECT count(*) FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_byte_order_mark_and_crlf_line_ends_load_like_plain_utf8()
    {
        using var lake = new TempLake();
        var text = Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", name: "Nikola Jokić", comment: "")).Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(lake.Landing, "games_details.csv"), [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["21900001 | Nikola Jokić | 20"], lake.Query("silver", "fct_game_details", "SELECT game_id, player_name, pts FROM {t}"));
        Assert.Equal(["True"], lake.Query("silver", "games", "SELECT home_team_wins FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_field_of_almost_a_megabyte_loads_intact()
    {
        using var lake = new TempLake();
        var comment = new string('x', 1_000_000); // the record stays under Sources:<Source>:MaxRecordBytes (1 MiB)
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", comment: comment)));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["1000000"], lake.Query("silver", "fct_game_details", "SELECT length(comment) FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Overflowing_ids_are_bad_key_and_negative_counts_bad_value()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame, Csv.Game("9999999999")));
        lake.Land("games_details.csv", Csv.File("GAME_ID,TEAM_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,PTS,REB,PLUS_MINUS",
            "21900001,1610612747,LAL,2544,LeBron James,20.0,-1.0,3.0", "21900001,1610612747,LAL,1,Someone,20.0,4.0,-3.0"));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["game_details | bad_value | reb | -1.0", "games | bad_key | game_id | 9999999999"],
            lake.Query("silver", "_rejects", "SELECT source, reason, \"column\", value FROM {t} ORDER BY ALL"));
        Assert.Equal(["-3"], lake.Query("silver", "fct_game_details", "SELECT plus_minus FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Real_kaggle_games_with_29_repeated_ids_keep_the_later_line_and_report_the_duplicates()
    {
        // The repeated ids differ only in columns silver games does not keep: REB_away (game 22000070: 45.0, then 44.0),
        // FG_PCT_home (22000076: 0.459, then 0.453), and in the other 27 how a percentage is printed (0.189, then
        // 0.1889999999999999). So the landed copy is the real file with GAME_STATUS_TEXT set to the line's statistics:
        // silver's game_status_text then shows which line each repeated id kept.
        using var lake = new TempLake();
        var lines = File.ReadAllLines(Path.Combine(Repo.RealData("kaggle-games-2003-2022"), "games.csv"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        lake.Land("games.csv", string.Join('\n', [lines[0], .. rows.Select(f => string.Join(',', [.. f[..2], Stats(f), .. f[3..]]))]) + "\n");

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        Assert.Equal(["25796 | 25767 | 29 | 0"], lake.Query("_ops", "pipeline_runs",
            "SELECT rows_in, rows_out, duplicates, rejects FROM {t} WHERE table_name = 'silver.games'"));
        Assert.Equal(["45.0", "44.0"], lake.Query("bronze", "games", "SELECT reb_away FROM {t} WHERE game_id = '22000070' ORDER BY _source_line"));
        // Each repeated id keeps its later line in the file (one batch: the latest line wins), which differs from its first.
        var repeated = rows.GroupBy(f => f[1]).Where(g => g.Count() > 1).ToList();
        Assert.Equal(29, repeated.Count);
        Assert.All(repeated, g => Assert.NotEqual(Stats(g.First()), Stats(g.Last())));
        var ids = string.Join(", ", repeated.Select(g => g.Key));
        Assert.Equal(repeated.Select(g => $"{g.Key} | {Stats(g.Last())}").Order(StringComparer.Ordinal),
            lake.Query("silver", "games", $"SELECT game_id, game_status_text FROM {{t}} WHERE game_id IN ({ids})").Order(StringComparer.Ordinal));
        Assert.EndsWith(" 44.0", lake.Query("silver", "games", "SELECT game_status_text FROM {t} WHERE game_id = 22000070").Single(), StringComparison.Ordinal);

        // PTS_home to REB_away: the fields of a games.csv line that silver games does not keep, and the points.
        static string Stats(string[] fields) => string.Join(' ', fields[7..20]);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_file_still_being_written_is_left_for_the_next_run_and_then_ingested_whole()
    {
        using var lake = new TempLake();
        var path = Path.Combine(lake.Landing, "games.csv");
        await File.WriteAllTextAsync(path, Csv.GamesHeader + "\n", TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        // A dedicated thread appends without pause while the file is read: reading 3 MB takes long enough that it
        // always lands between the job's two looks at the file, even on a loaded machine.
        var writer = Task.Factory.StartNew(() =>
        {
            using var stream = new StreamWriter(path, append: true) { AutoFlush = true };
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                stream.WriteLine(Csv.Game((21900000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (i % 50 == 0)
                {
                    Thread.Sleep(1);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (new FileInfo(path).Length < 3_000_000)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var report = await lake.IngestAsync();
        await stop.CancelAsync();
        await writer;

        Assert.Equal(["games.csv: left for the next run, it changed while being read (still being written?)"], report.Deferred);
        Assert.False(Directory.Exists(lake.Table("bronze", "games")));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal([(File.ReadAllLines(path).Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            lake.Query("bronze", "games", "SELECT count(*) FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_file_that_disappears_during_the_run_is_never_half_ingested()
    {
        using var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, new GeneratorOptions(2, 10, 2019, 9), TestContext.Current.CancellationToken);
        var path = Path.Combine(lake.Landing, "games_details.csv");
        var lines = File.ReadAllLines(path).Length - 1;
        var remover = Task.Run(async () => { await Task.Delay(150); File.Delete(path); }, CancellationToken.None);

        var (code, _) = await lake.RunAsync("run");
        await remover;

        Assert.Equal(0, code);
        var bronze = Directory.Exists(lake.Table("bronze", "game_details")) ? lake.Query("bronze", "game_details", "SELECT count(*) FROM {t}")[0] : "0";
        Assert.Contains(bronze, new[] { "0", lines.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Unsafe_names_folders_and_links_matching_a_glob_are_refused()
    {
        using var lake = new TempLake();
        lake.Land("games..csv", Csv.File(Csv.GamesHeader, GoodGame));
        Directory.CreateDirectory(Path.Combine(lake.Landing, "games_2020.csv"));
        File.WriteAllText(Path.Combine(lake.Root, "elsewhere.csv"), Csv.File(Csv.GamesHeader, GoodGame));
        File.CreateSymbolicLink(Path.Combine(lake.Landing, "games_link.csv"), Path.Combine(lake.Root, "elsewhere.csv"));
        using (var touch = System.Diagnostics.Process.Start("sh", ["-c", $"printf 'GAME_ID\\n' > \"{lake.Landing}/$(printf 'games_\\377.csv')\""]))
        {
            await touch.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, touch.ExitCode);
        }

        var report = await lake.IngestAsync();
        var (code, _) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Equal(4, report.Refused.Count);
        Assert.Contains(report.Refused, r => r.StartsWith("games..csv: refused, its name contains '..'", StringComparison.Ordinal));
        Assert.Contains(report.Refused, r => r.StartsWith("games_2020.csv: refused, it is a folder", StringComparison.Ordinal));
        Assert.Contains(report.Refused, r => r.StartsWith("games_link.csv: refused, it is a symbolic link", StringComparison.Ordinal));
        Assert.Contains(report.Refused, r => r.Contains("its name is not valid UTF-8", StringComparison.Ordinal));
        Assert.False(Directory.Exists(lake.Table("bronze", "games")));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_full_disk_fails_the_stage_and_every_table_keeps_its_last_version()
    {
        using var lake = new TempLake();
        using var disk = new Tmpfs(lake.Lake, "2m");
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var gold = LakeCheck.GoldBytes(lake.Lake);
        await DataSetGenerator.WriteAsync(Path.Combine(lake.Root, "big"), new GeneratorOptions(4, 16, 2019, 2), TestContext.Current.CancellationToken);
        File.Copy(Path.Combine(lake.Root, "big", "games_details.csv"), Path.Combine(lake.Landing, "games_details_big.csv"));

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"To fix: free space on the disk that holds {lake.Lake}", output, StringComparison.Ordinal);
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
        LakeCheck.SameBytes(gold, LakeCheck.GoldBytes(lake.Lake));

        disk.Remount("size=64m");
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_read_only_lake_fails_cleanly_and_keeps_every_table()
    {
        using var lake = new TempLake();
        using var disk = new Tmpfs(lake.Lake, "16m");
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var gold = LakeCheck.GoldBytes(lake.Lake);
        lake.Land("games_details_more.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900004", pts: "99.0")));
        disk.Remount("ro");

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"To fix: the disk that holds {lake.Lake} is read-only: remount it read-write, or set Lake:Root to a writable folder, then run again",
            output, StringComparison.Ordinal);
        LakeCheck.SameBytes(gold, LakeCheck.GoldBytes(lake.Lake));
        disk.Remount("rw");
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
    }
}
