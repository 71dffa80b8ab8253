using NbaLake.Tests.Support;

namespace NbaLake.Tests.Transform;

public class QualityTests(RealSlice realSlice)
{
    private static string Games => Csv.File(Csv.GamesHeader, Csv.Game("21900001", ptsHome: "30.0", ptsAway: "0.0"));

    [Fact(Timeout = Timeouts.Job)]
    public async Task The_real_2019_20_slice_reports_its_one_team_points_inconsistency()
    {
        var (lake, code, output) = await realSlice.RunAsync();

        Assert.Equal(0, code);
        Assert.Contains("warned      silver.games team_points_match_players: 1 of 965 rows, e.g. game 21900523 (2020-01-04): the away team 1610612763 scored 140 but its players' points add up to 139", output, StringComparison.Ordinal);
        Assert.Equal(
        [
            "silver.fct_game_details | detail_ids_positive | 25066 | 0 | quarantine | passed",
            "silver.fct_game_details | details_game_and_team_exist | 25066 | 0 | fail | passed",
            "silver.fct_game_details | details_key_unique | 25066 | 0 | fail | passed",
            "silver.fct_game_details | fg3_pct_in_range | 25066 | 0 | quarantine | passed",
            "silver.fct_game_details | fg_pct_in_range | 25066 | 0 | quarantine | passed",
            "silver.fct_game_details | ft_pct_in_range | 25066 | 0 | quarantine | passed",
            "silver.fct_game_details | minutes_in_range | 25066 | 0 | quarantine | passed",
            "silver.fct_game_details | points_add_up | 25066 | 0 | warn | passed",
            "silver.fct_game_details | points_in_range | 25066 | 0 | quarantine | passed",
            "silver.games | game_date_plausible | 965 | 0 | quarantine | passed",
            "silver.games | game_ids_positive | 965 | 0 | quarantine | passed",
            "silver.games | games_key_unique | 965 | 0 | fail | passed",
            "silver.games | season_matches_date | 965 | 0 | warn | passed",
            "silver.games | team_points_match_players | 965 | 1 | warn | warned",
            "silver.games | team_points_not_negative | 965 | 0 | quarantine | passed",
            "silver.games | teams_differ | 965 | 0 | quarantine | passed",
        ], lake.Query("_ops", "quality", "SELECT table_name, rule, rows_checked, rows_failing, policy, outcome FROM {t} ORDER BY ALL"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Quarantine_moves_the_row_to_rejects_with_the_rule_as_reason_and_accounting_still_holds()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Games);
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "30.0", min: "75:00"), Csv.Detail("21900001", playerId: "7", pts: "0.0")));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        Assert.Equal(["minutes_in_range | min | 75:00 | game 21900001, player 2544: min 75 is outside 0..70"],
            lake.Query("silver", "_rejects", "SELECT reason, \"column\", value, detail FROM {t}"));
        Assert.Equal(["7"], lake.Query("silver", "fct_game_details", "SELECT player_id FROM {t}"));
        Assert.Equal(["2 | 1 | 0 | 1"], lake.Query("_ops", "pipeline_runs",
            "SELECT rows_in, rows_out, duplicates, rejects FROM {t} WHERE table_name = 'silver.fct_game_details'"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Warn_keeps_the_row_and_reports_it()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Games);
        lake.Land("games_details.csv", "GAME_ID,TEAM_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,FGM,FG3M,FTM,PTS\n21900001,1610612747,LAL,2544,LeBron James,10.0,2.0,6.0,30.0\n");

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains("points_add_up: 1 of 1 rows, e.g. game 21900001, player 2544: pts 30 but 2*10 + 2 + 6 = 28", output, StringComparison.Ordinal);
        Assert.Equal(["30"], lake.Query("silver", "fct_game_details", "SELECT pts FROM {t}"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Fail_stops_the_run_with_exit_code_5_and_silver_keeps_its_last_version()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Games);
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "30.0")));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        var silver = LakeCheck.Bytes(lake.Table("silver", "fct_game_details"));

        lake.Land("games_details_2.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "30.0", min: "80:00")));
        var (code, _) = await lake.RunAsync("run", "--Quality:minutes_in_range=fail");

        Assert.Equal(ExitCodes.QualityFailed, code);
        LakeCheck.SameBytes(silver, LakeCheck.Bytes(lake.Table("silver", "fct_game_details")));
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);
    }

    [Fact]
    public void The_repos_pipeline_json_names_every_rule_with_its_default_policy()
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "pipeline.json")));

        var listed = settings.RootElement.GetProperty("Quality").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}");

        Assert.Equal(LakeTables.Rules.Select(r => $"{r.Rule.Name}={r.Rule.DefaultPolicy.ToString().ToLowerInvariant()}").Order(StringComparer.Ordinal),
            listed.Order(StringComparer.Ordinal));
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData("--Quality:no_such_rule=warn", "Unknown setting 'Quality:no_such_rule'")]
    [InlineData("--Quality:minutes_in_range=ignore", "Quality:minutes_in_range must be warn, quarantine or fail")]
    [InlineData("--Quality:team_points_match_players=quarantine", "must be warn or fail")]
    public async Task Bad_quality_policy_is_a_settings_error(string setting, string expected)
    {
        using var lake = new TempLake();

        var (code, output) = await lake.RunAsync("run", setting);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }
}
