using System.IO.Compression;
using System.Text;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

/// <summary>
/// Landings found by probing the job as a hostile user would (issue 16): a file swapped for a link after the scan, a
/// column named twice, records far too long, files still being written, a zip member changed in place, binary files
/// under a CSV name. Each ends with the file refused, deferred or rejected by name and nothing wrong in the lake.
/// </summary>
public class HostileLandingTests
{
    private static readonly string GoodGame = Csv.Game("21900001");

    [Theory(Timeout = Timeouts.Job)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_swapped_for_a_link_after_the_scan_is_refused_by_name_and_nothing_behind_the_link_is_read(bool targetLooksLikeData)
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")));
        lake.Land("games_details_z.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", playerId: "3", name: "Landed Player")));
        // A file the job can read but nobody should copy into the lake: with the right header, its rows would reach gold.
        var secret = Path.Combine(lake.Root, "secret.csv");
        File.WriteAllText(secret, targetLooksLikeData
            ? Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", playerId: "666", name: "SECRET-PLAYER"))
            : "root:SECRET-HASH:19000:0:99999:7:::\n");
        var swapped = Path.Combine(lake.Landing, "games_details_z.csv");
        using var output = new ActAtLine("landed files matching a source", () =>
        {
            var link = swapped + ".tmp";
            File.CreateSymbolicLink(link, secret);
            File.Move(link, swapped, overwrite: true); // rename(2) of the link over the file, as mv -T does
        });

        var code = await lake.RunAsync(output, "run");

        Assert.True(output.Acted, "the swap must happen after the scan");
        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Contains("games_details_z.csv: refused, it was replaced by a symbolic link after the landing scan, and was not read: land the CSV file itself, as a regular file, and run again",
            output.ToString(), StringComparison.Ordinal);
        Assert.Equal(["games_details.csv"], lake.Query("bronze", "game_details", "SELECT DISTINCT _source_file FROM {t}"));
        Assert.Equal(["2544"], lake.Query("silver", "fct_game_details", "SELECT player_id FROM {t}"));
        Assert.DoesNotContain("SECRET", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", string.Join('\n', Directory.EnumerateFiles(lake.Lake, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".parquet", StringComparison.Ordinal)).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData("games_details.csv", "PTS," + Csv.DetailsHeader, "PTS", 1, 9)]
    [InlineData("games.csv", Csv.GamesHeader + ",game_id ", "GAME_ID", 2, 10)]
    public async Task A_header_that_names_a_contract_column_twice_refuses_the_file_naming_the_column_and_both_positions(string file, string header,
        string column, int first, int second)
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")));
        var fields = header.Split(',').Length;
        lake.Land(file, Csv.File(header, string.Join(',', Enumerable.Range(1, fields).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Contains($"{file}: refused, its header names {column} twice (columns {first} and {second}), so which one holds the data is not known: remove or rename one of them",
            output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake.Table("bronze", file == "games.csv" ? "games" : "game_details")), "nothing of the refused file may reach bronze");
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_record_over_the_limit_is_rejected_with_its_length_and_head_and_the_records_after_it_keep_their_lines()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));
        var huge = new string('x', 3 << 20);
        var longLine = Csv.Detail("21900001", playerId: "7", comment: "\"a comment over\nthree lines\n" + huge + "\"");
        const string Short = "21900001,1610612747,LAL,9,Short";
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001"), longLine, Csv.Detail("21900001", playerId: "8", name: "After Long"), Short));

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Success, code);
        var rejects = lake.Query("bronze", "_rejects", "SELECT _source_line, reason, length(raw_text), detail FROM {t} ORDER BY _source_line");
        Assert.Equal([
            $"3 | record_too_long | 4096 | the record is {longLine.Length:N0} bytes long, over the limit of 1,048,576 (Sources:GameDetails:MaxRecordBytes): only its first 4,096 bytes are kept here",
            $"7 | wrong_field_count | {Short.Length} | the record does not have the header's 8 fields"], rejects);
        Assert.Equal(["2544 | 2", "8 | 6"], lake.Query("bronze", "game_details", "SELECT player_id, _source_line FROM {t} ORDER BY 2"));
        Assert.Contains("games_details.csv: 2 record(s) the CSV parser could not read went to bronze/_rejects", output, StringComparison.Ordinal);
        Assert.True(Directory.EnumerateFiles(lake.Lake, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) < 1 << 20,
            "the lake keeps the long record's head, not the record");

        using var roomy = new TempLake();
        roomy.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));
        roomy.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", comment: huge)));
        Assert.Equal(ExitCodes.Success, (await roomy.RunAsync("run", "--Sources:GameDetails:MaxRecordBytes=4194304")).ExitCode);
        Assert.Equal([huge.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)], roomy.Query("silver", "fct_game_details", "SELECT length(comment) FROM {t}"));
        // 3 MB of one letter compresses to a few KB; min/max statistics of full length would add 6 MB to each file.
        Assert.All(Directory.EnumerateFiles(roomy.Lake, "*.parquet", SearchOption.AllDirectories), f => Assert.True(new FileInfo(f).Length < 1 << 20, $"{f}: {new FileInfo(f).Length} bytes"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_gzip_bomb_with_no_line_break_is_refused_by_name_and_the_other_files_of_the_run_are_ingested()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));
        // 64 MB of one character, no line break, in a small .gz: the parser would hold it all.
        using (var gz = new GZipStream(File.Create(Path.Combine(lake.Landing, "games_details.csv.gz")), CompressionLevel.Optimal))
        {
            var block = Encoding.ASCII.GetBytes(new string('A', 1 << 20));
            for (var i = 0; i < 64; i++)
            {
                gz.Write(block);
            }
        }

        var (code, output) = await lake.RunAsync("run");
        var (validate, preview) = await lake.RunAsync("validate", "--landing", lake.Landing);

        Assert.Equal(ExitCodes.InputRefused, code);
        const string Refusal = "games_details.csv.gz: refused, its first line (the header) is longer than 1,048,576 bytes (Sources:GameDetails:MaxRecordBytes): it is not a game_details CSV, or its lines do not end with line breaks";
        Assert.Contains(Refusal, output, StringComparison.Ordinal);
        Assert.Equal(["21900001"], lake.Query("silver", "games", "SELECT game_id FROM {t}"));
        Assert.DoesNotContain("AAAAAAAA", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InputRefused, validate);
        Assert.Contains("  REFUSED   " + Refusal, preview, StringComparison.Ordinal);
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData("21900001,1610612747,LAL,7,Cut Player,,30:00,1", "2.0\n")]
    [InlineData("21900001,1610612747,LA", "L,7,Cut Player,,30:00,12.0\n")]
    public async Task A_file_whose_last_line_is_cut_is_deferred_and_taken_whole_once_complete_with_no_reject_of_the_cut_line(string cut, string rest)
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));
        var details = Path.Combine(lake.Landing, "games_details.csv");
        File.WriteAllText(details, Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")) + cut);

        var (first, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Success, first);
        Assert.Contains("games_details.csv: left for the next run, its last line has no line break (still being written?); it is taken whole once it ends with one, or as it is if the next run finds it unchanged",
            output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake.Table("bronze", "game_details")), "nothing of a cut file may reach bronze");

        File.AppendAllText(details, rest);
        var (second, _) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Success, second);
        Assert.Equal(["7 | 12", "2544 | 20"], lake.Query("silver", "fct_game_details", "SELECT player_id, pts FROM {t} ORDER BY 1"));
        Assert.Equal(["0"], lake.Query("bronze", "_rejects", "SELECT count(*) FROM {t}")); // no reject of the cut line may remain
        Assert.Equal(["0"], lake.Query("silver", "_rejects", "SELECT count(*) FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_last_line_without_a_line_break_that_stays_unchanged_is_taken_as_it_is_by_the_next_run()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, GoodGame));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")).TrimEnd('\n'));

        var (first, _) = await lake.RunAsync("run");
        var (second, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Success, first);
        Assert.Equal(ExitCodes.Success, second);
        Assert.Contains("games_details.csv: its last line has no line break, but the file has not changed since the last run: taken as complete", output, StringComparison.Ordinal);
        Assert.Equal(["2544 | 20"], lake.Query("silver", "fct_game_details", "SELECT player_id, pts FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_stored_zip_member_with_one_digit_changed_and_its_length_kept_is_refused_by_its_crc()
    {
        using var lake = new TempLake();
        var zip = Path.Combine(lake.Landing, "drop.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var games = new StreamWriter(archive.CreateEntry("games.csv", CompressionLevel.NoCompression).Open());
            games.Write(Csv.File(Csv.GamesHeader, GoodGame));
        }
        var bytes = File.ReadAllBytes(zip);
        var at = bytes.AsSpan().IndexOf("100.0,90.0"u8);
        Assert.True(at > 0, "the member is stored: its text is in the archive as it is");
        bytes[at] = (byte)'9'; // 100 points become 900: same length, other CRC-32
        File.WriteAllBytes(zip, bytes);

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Matches(@"drop\.zip!games\.csv: refused, the archive is damaged \(member games\.csv is damaged: \d+ bytes with CRC-32 \w+ where the archive records \d+ bytes with \w+\)", output);
        Assert.False(Directory.Exists(lake.Table("bronze", "games")), "nothing of the changed member may reach bronze");
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Gzip_and_zip_bytes_under_a_csv_name_are_named_as_such_and_no_binary_byte_reaches_the_log()
    {
        using var lake = new TempLake();
        using (var gz = new GZipStream(File.Create(Path.Combine(lake.Landing, "games.csv")), CompressionLevel.Optimal))
        {
            gz.Write(Encoding.UTF8.GetBytes(Csv.File(Csv.GamesHeader, GoodGame)));
        }
        using (var archive = ZipFile.Open(Path.Combine(lake.Landing, "games_details.csv"), ZipArchiveMode.Create))
        {
            using var member = new StreamWriter(archive.CreateEntry("games_details.csv").Open());
            member.Write(Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")));
        }
        File.WriteAllBytes(Path.Combine(lake.Landing, "teams.csv"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x01, 0x02, 0x07, 0x1B, 0x7F]);

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Contains("games.csv: refused, it is a gzip file, not CSV text: land it named games.csv.gz", output, StringComparison.Ordinal);
        Assert.Contains("games_details.csv: refused, it is a zip archive, not CSV text: land it named games_details.zip", output, StringComparison.Ordinal);
        Assert.Contains("teams.csv: refused, line 1 (header) lacks the required teams column(s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(output, c => char.IsControl(c) && c is not '\n' and not '\r' || c == '\uFFFD');
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_folder_inside_a_zip_whose_name_matches_a_source_is_warned_about()
    {
        using var lake = new TempLake();
        using (var archive = ZipFile.Open(Path.Combine(lake.Landing, "drop.zip"), ZipArchiveMode.Create))
        {
            archive.CreateEntry("games_2019.csv/");
            using var games = new StreamWriter(archive.CreateEntry("games.csv").Open());
            games.Write(Csv.File(Csv.GamesHeader, GoodGame));
        }

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Landing: drop.zip!games_2019.csv/: ignored, it is a folder inside the archive whose name matches a source glob, not a CSV file: put the CSV files themselves in the archive",
            output, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task The_streak_player_setting_matches_ignoring_case_and_spaces_and_the_answer_spells_the_name_as_the_data_does()
    {
        using var lake = await TempLake.RanAsync(Csv.File(Csv.GamesHeader, GoodGame), Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")),
            "--Publish:StreakPlayer= lebron JAMES ");

        Assert.Equal(["2544 | LeBron James | How many games in a row did LeBron James score over 10 points? | LeBron James scored over 10 points in 1 games in a row, from October 22, 2019 to October 22, 2019."],
            lake.Query("gold", "answers", "SELECT player_id, player_name, question, answer FROM {t} WHERE question_id = 'q5'"));
    }

    /// <summary>A console for the job that runs an action once, synchronously, when a log line holding <c>trigger</c> is written.</summary>
    private sealed class ActAtLine(string trigger, Action act) : StringWriter
    {
        public bool Acted { get; private set; }

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            if (!Acted && GetStringBuilder().ToString().Contains(trigger, StringComparison.Ordinal))
            {
                Acted = true;
                act();
            }
        }
    }
}
