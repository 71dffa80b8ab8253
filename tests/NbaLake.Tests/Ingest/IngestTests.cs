using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

public class IngestTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task File_missing_a_required_column_is_refused_whole_with_its_own_exit_code()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        lake.Land("games_details.csv", "GAME_ID,TEAM_ID,PLAYER_NAME,PTS\n21900001,1610612747,LeBron James,20.0\n");

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        using var duck = new Duck();
        Assert.Equal(0L, Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(lake.Table("silver", "fct_game_details"))}")));
        Assert.Equal(1L, Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(lake.Table("silver", "games"))}")));
        Assert.False(Directory.Exists(lake.Table("bronze", "game_details")));
        // The run still publishes, and says which file it refused and why.
        Assert.Contains("\nThe answers\n  q1  Who scored the most points playing for one team?\n", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\[\d\d:\d\d:\d\d ERR\] job +1 landed file\(s\) were refused whole and stay in landing; fix them and run again: \[""games_details\.csv: refused, line 1 \(header\) lacks the required game_details column\(s\) TEAM_ABBREVIATION, PLAYER_ID; found 4 column\(s\): GAME_ID, TEAM_ID, PLAYER_NAME, PTS""\]$", output);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Many_landed_files_are_one_commit_per_source_in_one_file_per_game_bucket()
    {
        using var lake = new TempLake();
        for (var g = 1; g <= 40; g++)
        {
            var id = (21900000 + g).ToString(System.Globalization.CultureInfo.InvariantCulture);
            lake.Land($"games_{g:D3}.csv", Csv.File(Csv.GamesHeader, Csv.Game(id)));
            lake.Land($"games_details_{g:D3}.csv", Csv.File(Csv.DetailsHeader, Csv.Detail(id)));
        }
        lake.Land("games_details_2020.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("22000001")));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        var store = new NbaLake.Storage.TableStore(new NbaLake.Storage.LakeLayout(lake.Lake, lake.Landing), "test", Serilog.Core.Logger.None);
        var games = store.State(NbaLake.Storage.TableId.Bronze("games"))!;
        var details = store.State(NbaLake.Storage.TableId.Bronze("game_details"))!;
        Assert.Equal(1, games.Version);
        Assert.Equal(40, games.Last.Inputs.Count);
        Assert.Equal(["g1900"], games.Files.Values.Select(f => f.Partition));
        Assert.Equal(1, details.Version);
        Assert.Equal(["g1900", "g2000"], details.Files.Values.Select(f => f.Partition).Order(StringComparer.Ordinal));
        Assert.Equal(41, details.Rows);
        Assert.Equal(["41"], lake.Query("bronze", "game_details", "SELECT count(DISTINCT _source_file) FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Bronze_keeps_min_max_statistics_for_the_game_id_and_the_lineage_but_not_for_raw_text()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001"), Csv.Detail("21900001", playerId: "201939", name: "Stephen Curry")));

        Assert.Equal(0, (await lake.RunAsync("ingest")).ExitCode);

        var file = Directory.GetFiles(lake.Table("bronze", "game_details"), "*.parquet", SearchOption.AllDirectories).Single();
        using var reader = NbaLake.Storage.Columnar.OpenReader(file);
        using var group = reader.RowGroup(0);
        var schema = reader.FileMetaData.Schema;
        var withMinMax = Enumerable.Range(0, schema.NumColumns)
            .Where(i => group.MetaData.GetColumnChunkMetaData(i).Statistics is { HasMinMax: true })
            .Select(i => schema.Column(i).Name).ToList();
        Assert.Equal(["game_id", "_batch_id", "_source_file", "_source_line", "_ingested_at"], withMinMax);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Refusal_names_the_file_the_missing_columns_and_the_columns_found()
    {
        using var lake = new TempLake();
        lake.Land("games_details.csv", "GAME_ID,TEAM_ID,PLAYER_NAME,PTS\n21900001,1610612747,LeBron James,20.0\n");

        var report = await lake.IngestAsync();

        var message = Assert.Single(report.Refused);
        Assert.StartsWith("games_details.csv: refused", message, StringComparison.Ordinal);
        Assert.Contains("TEAM_ABBREVIATION, PLAYER_ID", message, StringComparison.Ordinal);
        Assert.Contains("found 4 column(s): GAME_ID, TEAM_ID, PLAYER_NAME, PTS", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Spreadsheet_export_with_semicolons_is_refused_naming_the_detected_delimiter()
    {
        using var lake = new TempLake();
        File.Copy(Path.Combine(Repo.RealData("excel-export-2019-20"), "games.csv"), Path.Combine(lake.Landing, "games.csv"));

        var (code, _) = await lake.RunAsync("ingest");
        var report = await lake.IngestAsync();

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.False(Directory.Exists(lake.Table("bronze", "games")));
        var message = Assert.Single(report.Refused);
        Assert.Contains("looks ';'-delimited", message, StringComparison.Ordinal);
        Assert.Contains("set Sources:Games:Delimiter to \";\"", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Same_content_is_ingested_once_even_under_another_name()
    {
        using var lake = new TempLake();
        var games = Csv.File(Csv.GamesHeader, Csv.Game("21900001"));
        lake.Land("games.csv", games);
        Assert.Equal(0, (await lake.RunAsync("ingest")).ExitCode);

        lake.Land("games_copy.csv", games);
        Assert.Equal(0, (await lake.RunAsync("ingest")).ExitCode);

        Assert.Single(Directory.GetFiles(lake.Table("bronze", "games"), "*.parquet", SearchOption.AllDirectories));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Columns_are_matched_by_name_in_any_case_and_order_and_unknown_ones_are_left_out()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", "home_team_wins,Season,EXTRA_COLUMN,game_id,HOME_TEAM_ID,visitor_team_id,Game_Date_Est\n1,2019,x,21900001,1610612747,1610612738,2019-10-22\n");

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        using var duck = new Duck();
        var bronze = Duck.ReadTable(lake.Table("bronze", "games"));
        Assert.DoesNotContain(duck.Schema($"SELECT * FROM {bronze}"), c => c.StartsWith("extra", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["2019-10-22 | 21900001 | 1610612747 | 1610612738 | 2019 | 1 | null"],
            duck.Rows($"SELECT game_date_est, game_id, home_team_id, visitor_team_id, season, home_team_wins, pts_home FROM {bronze}"));
        Assert.Equal(["21900001 | 2019-10-22 | Regular Season | True"],
            duck.Rows($"SELECT game_id, game_date, season_type, home_team_wins FROM {Duck.ReadTable(lake.Table("silver", "games"))}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_configured_delimiter_and_date_format_load_the_spreadsheet_export_games()
    {
        using var lake = new TempLake();
        File.Copy(Path.Combine(Repo.RealData("excel-export-2019-20"), "games.csv"), Path.Combine(lake.Landing, "games.csv"));

        var (code, _) = await lake.RunAsync("run", "--Sources:Games:Delimiter=;", "--Sources:Games:DateFormats:0=dd/MM/yyyy");

        Assert.Equal(0, code);
        using var duck = new Duck();
        Assert.Equal(["965 | 2019-10-04 | 2020-03-01"],
            duck.Rows($"SELECT count(*), min(game_date), max(game_date) FROM {Duck.ReadTable(lake.Table("silver", "games"))}"));
    }
}
