using System.IO.Compression;
using System.Text;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

/// <summary>Landed files as downloads and spreadsheet programs make them: .csv.gz, .zip archives, other encodings.</summary>
public class ArchiveAndEncodingTests(RealSlice realSlice)
{
    private static readonly string Real = Repo.RealData("nba-2019-20");

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_zip_of_the_kaggle_files_is_read_member_by_member_and_gives_the_silver_of_the_plain_files()
    {
        var (plain, plainCode, _) = await realSlice.RunAsync();
        Assert.Equal(ExitCodes.Success, plainCode);
        using var lake = new TempLake();
        using (var zip = ZipFile.Open(Path.Combine(lake.Landing, "nba-games.zip"), ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(Path.Combine(Real, "games.csv"), "games.csv");
            zip.CreateEntryFromFile(Path.Combine(Real, "games_details.csv"), "games_details.csv");
            zip.CreateEntryFromFile(Path.Combine(Real, "teams.csv"), "teams.csv");
            zip.CreateEntry("players.csv").Open().Dispose(); // in the Kaggle download too: no source of ours
        }

        var (code, output) = await lake.RunAsync("run");

        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("Landing: nba-games.zip!players.csv: ignored, it matches no source glob", output, StringComparison.Ordinal);
        Assert.Equal(["nba-games.zip!games_details.csv"], lake.Query("bronze", "game_details", "SELECT DISTINCT _source_file FROM {t}"));
        AssertSameSilver(plain, lake);

        var (again, second) = await lake.RunAsync("run");
        Assert.Equal(ExitCodes.Success, again);
        Assert.Equal(["1"], lake.Query("bronze", "game_details", "SELECT count(DISTINCT _batch_id) FROM {t}")); // each member exactly once
        Assert.Contains("nba-games.zip!players.csv: ignored", second, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_gzipped_csv_is_read_as_the_csv_inside_and_a_copy_of_its_content_is_skipped()
    {
        var (plain, plainCode, _) = await realSlice.RunAsync();
        Assert.Equal(ExitCodes.Success, plainCode);
        using var lake = new TempLake();
        File.Copy(Path.Combine(Real, "games.csv"), Path.Combine(lake.Landing, "games.csv"));
        Gzip(Path.Combine(Real, "games_details.csv"), Path.Combine(lake.Landing, "games_details.csv.gz"));

        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["games_details.csv.gz"], lake.Query("bronze", "game_details", "SELECT DISTINCT _source_file FROM {t}"));
        AssertSameSilver(plain, lake);

        // The same CSV landed plain: its content (the CSV's bytes, not the archive's) is already in bronze.
        File.Copy(Path.Combine(Real, "games_details.csv"), Path.Combine(lake.Landing, "games_details_again.csv"));
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["games_details.csv.gz"], lake.Query("bronze", "game_details", "SELECT DISTINCT _source_file FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_damaged_zip_or_gz_is_refused_by_name_with_exit_3_and_nothing_of_it_is_written()
    {
        using var lake = new TempLake();
        File.Copy(Path.Combine(Real, "games.csv"), Path.Combine(lake.Landing, "games.csv"));
        var gz = Path.Combine(lake.Landing, "games_details.csv.gz");
        Gzip(Path.Combine(Real, "games_details.csv"), gz);
        var bytes = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, bytes[..(bytes.Length / 2)]); // cut off: an interrupted download
        var zip = Path.Combine(lake.Landing, "more.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(Real, "games_details.csv"), "games_details_2.csv");
        }
        var zipBytes = File.ReadAllBytes(zip);
        File.WriteAllBytes(zip, zipBytes[..^30]); // its central directory is gone

        var flipped = Path.Combine(lake.Landing, "other.zip");
        using (var archive = ZipFile.Open(flipped, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(Real, "games_details.csv"), "games_details_3.csv");
        }
        var flippedBytes = File.ReadAllBytes(flipped);
        for (var i = flippedBytes.Length / 2; i < flippedBytes.Length / 2 + 40; i++)
        {
            flippedBytes[i] ^= 0x55; // bit rot inside the member's data: the zip readers would read on quietly
        }
        File.WriteAllBytes(flipped, flippedBytes);

        var (code, output) = await lake.RunAsync("run");

        Assert.True(code == ExitCodes.InputRefused, output);
        Assert.Matches(@"Refused games_details\.csv\.gz: refused, the archive is damaged \(.+\): land it again, whole", output);
        Assert.Matches(@"more\.zip: refused, it is not a readable zip archive \(.+\): land it again, whole", output);
        Assert.Matches(@"other\.zip!games_details_3\.csv: refused, the archive is damaged \(member games_details_3\.csv is damaged: \d+ bytes with CRC-32 \w+ where the archive records 3535899 bytes with \w+\)", output);
        Assert.False(Directory.Exists(lake.Table("bronze", "game_details")), "nothing of a damaged archive may reach bronze");
        Assert.NotEqual(["0"], lake.Query("silver", "games", "SELECT count(*) FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_zip_with_two_members_of_one_name_is_refused_rather_than_one_of_them_read_twice()
    {
        using var lake = new TempLake();
        using (var zip = ZipFile.Open(Path.Combine(lake.Landing, "twice.zip"), ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(Path.Combine(Real, "games.csv"), "games.csv");
            using var second = new StreamWriter(zip.CreateEntry("games.csv").Open());
            second.Write(Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        }

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Contains("twice.zip: refused, it holds 2 members named games.csv: repack it with one member per name", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake.Table("bronze", "games")), "neither member may be read");
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_windows_1252_file_is_rejected_with_its_exact_bytes_kept_until_its_encoding_is_set_and_then_loads()
    {
        const string Name = "José Calderón";
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var details = cp1252.GetBytes(Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", name: Name, playerId: "101181", teamId: "1610612738", abbreviation: "BOS")));
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        File.WriteAllBytes(Path.Combine(lake.Landing, "games_details.csv"), details);

        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        var reject = lake.Query("bronze", "_rejects", "SELECT reason, detail, raw_bytes FROM {t}").Single().Split(" | ");
        Assert.Equal("invalid_utf8", reject[0]);
        Assert.Equal("PLAYER_NAME holds bytes that are not utf-8: save the file as UTF-8 and land it again (a file already read is not read again when a setting changes), or set the encoding of files to come (Sources:GameDetails:Encoding: utf-8, windows-1252, latin1, utf-16)", reject[1]);
        var line = details.AsSpan(details.AsSpan().IndexOf((byte)'\n') + 1).ToArray()[..^1];
        Assert.Equal(line, Convert.FromBase64String(reject[2])); // the record's bytes exactly, though its text is not UTF-8

        using var configured = new TempLake();
        configured.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        File.WriteAllBytes(Path.Combine(configured.Landing, "games_details.csv"), details);
        Assert.Equal(ExitCodes.Success, (await configured.RunAsync("run", "--Sources:GameDetails:Encoding=windows-1252")).ExitCode);
        Assert.Equal([Name], configured.Query("silver", "fct_game_details", "SELECT player_name FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Utf16_with_its_byte_order_mark_loads_and_valid_utf8_with_a_replacement_character_is_not_called_invalid()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        File.WriteAllText(Path.Combine(lake.Landing, "games_details.csv"),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", name: "Nikola Jokić", playerId: "203999")), new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        File.WriteAllText(Path.Combine(lake.Landing, "games_details_2.csv"),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", name: "Name \uFFFD As Exported", playerId: "1")), new UTF8Encoding(false));

        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);

        Assert.Equal(["1 | Name \uFFFD As Exported", "203999 | Nikola Jokić"], lake.Query("silver", "fct_game_details", "SELECT player_id, player_name FROM {t} ORDER BY 1"));
        Assert.Equal(["0"], lake.Query("bronze", "_rejects", "SELECT count(*) FROM {t}")); // no record may be rejected
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Utf16_without_a_byte_order_mark_is_refused_with_the_setting_to_read_it_and_then_loads()
    {
        var details = Encoding.Unicode.GetBytes(Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", name: "Nikola Jokić", playerId: "203999")));
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        File.WriteAllBytes(Path.Combine(lake.Landing, "games_details.csv"), details);

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Contains("The header's bytes alternate with zeros: the file looks UTF-16; set Sources:GameDetails:Encoding to \"utf-16\" in pipeline.json", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', output);

        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run", "--Sources:GameDetails:Encoding=utf-16")).ExitCode);
        Assert.Equal(["Nikola Jokić"], lake.Query("silver", "fct_game_details", "SELECT player_name FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task An_unknown_encoding_is_a_settings_error_naming_the_ones_allowed()
    {
        using var lake = new TempLake();
        var (code, output) = await lake.RunAsync("run", "--Sources:Games:Encoding=ebcdic");
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("Sources:Games:Encoding must be one of utf-8, windows-1252, latin1, utf-16 (got \"ebcdic\").", output, StringComparison.Ordinal);
    }

    private static void Gzip(string from, string to)
    {
        using var input = File.OpenRead(from);
        using var output = new GZipStream(File.Create(to), CompressionLevel.Fastest);
        input.CopyTo(output);
    }

    private static void AssertSameSilver(TempLake expected, TempLake actual)
    {
        const string Silver = "SELECT * FROM {t} ORDER BY ALL";
        Assert.Equal(expected.Query("silver", "games", Silver), actual.Query("silver", "games", Silver));
        Assert.Equal(expected.Query("silver", "fct_game_details", Silver), actual.Query("silver", "fct_game_details", Silver));
        Assert.Equal(expected.Query("gold", "answers", Silver), actual.Query("gold", "answers", Silver));
    }
}
