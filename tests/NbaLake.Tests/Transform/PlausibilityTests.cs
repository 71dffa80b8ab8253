using System.Globalization;
using System.Text.Json;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Transform;

/// <summary>
/// The plausibility rules of silver games and box scores (src/Transform/Games.cs, FctGameDetails.cs): ids above 0, a
/// team that does not play itself, a date from the league's first game to a year after the row's ingest day, a season
/// that fits the date, team points not negative. One hand-made input per rule, and per policy where it matters.
/// </summary>
public class PlausibilityTests
{
    private static readonly string Lal = Csv.Lal.ToString(CultureInfo.InvariantCulture);

    private static Task<TempLake> RunAsync(string games, string details, params string[] settings) => TempLake.RanAsync(games, details, settings);

    private static List<string> Rejects(TempLake lake) =>
        lake.Query("silver", "_rejects", "SELECT source, _source_line, reason, \"column\", value FROM {t} ORDER BY ALL");

    private static List<string> Quality(TempLake lake, string rule) =>
        lake.Query("_ops", "quality", $"SELECT rows_checked, rows_failing, policy, outcome, example FROM {{t}} WHERE rule = '{rule}'");

    private static List<string> GameIds(TempLake lake) => lake.Query("silver", "games", "SELECT game_id FROM {t} ORDER BY 1");

    [Fact(Timeout = Timeouts.Job)]
    public async Task Team_playing_itself_is_quarantined_and_its_box_scores_are_unknown_game()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("21900001", visitor: Lal), Csv.Game("21900002")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001"), Csv.Detail("21900002")));

        Assert.Equal(
        [
            "game_details | 2 | unknown_game | game_id | 21900001",
            "games | 2 | teams_differ | visitor_team_id | 1610612747",
        ], Rejects(lake));
        Assert.Equal(["21900002"], GameIds(lake));
        Assert.Equal(["21900002"], lake.Query("silver", "fct_game_details", "SELECT game_id FROM {t}"));
        Assert.Equal(["game_id: its game is in silver/_rejects (a quality rule quarantined it); the row is admitted when a corrected game arrives"],
            lake.Query("silver", "_rejects", "SELECT detail FROM {t} WHERE reason = 'unknown_game'"));
        Assert.Equal(["2 | 1 | quarantine | quarantined | game 21900001 (2019-10-22): team 1610612747 is both the home and the visitor team"],
            Quality(lake, "teams_differ"));
        // The box-score rules see only box scores of games that stay: the existence rule still holds.
        Assert.Equal(["1 | 0 | fail | passed"], lake.Query("_ops", "quality",
            "SELECT rows_checked, rows_failing, policy, outcome FROM {t} WHERE rule = 'details_game_and_team_exist'"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Quarantined_game_corrected_in_a_later_drop_is_admitted_with_its_box_scores()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("21900001", visitor: Lal)),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "31.0")));
        lake.Land("games_fix.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        Assert.Empty(Rejects(lake));
        Assert.Equal(["21900001 | 1610612738"], lake.Query("silver", "games", "SELECT game_id, visitor_team_id FROM {t}"));
        Assert.Equal(["21900001 | 31"], lake.Query("silver", "fct_game_details", "SELECT game_id, pts FROM {t}"));
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData("warn", ExitCodes.Success, "21900001,21900002", "warned")]
    [InlineData("quarantine", ExitCodes.Success, "21900002", "quarantined")]
    [InlineData("fail", ExitCodes.QualityFailed, null, null)]
    public async Task Team_playing_itself_follows_its_policy(string policy, int exitCode, string? games, string? outcome)
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001", visitor: Lal), Csv.Game("21900002")));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001"), Csv.Detail("21900002")));

        var (code, output) = await lake.RunAsync("run", $"--Quality:teams_differ={policy}");

        Assert.True(code == exitCode, output);
        if (games is null)
        {
            Assert.Contains("rule teams_differ (the home team is not the visitor team) failed on 1 of 2 rows", output, StringComparison.Ordinal);
            Assert.False(Directory.Exists(lake.Table("silver", "games")), "a failed rule must leave silver uncommitted");
            return;
        }
        Assert.Equal(games.Split(','), GameIds(lake));
        Assert.Equal([$"2 | 1 | {policy} | {outcome}"], lake.Query("_ops", "quality", "SELECT rows_checked, rows_failing, policy, outcome FROM {t} WHERE rule = 'teams_differ'"));
        // Kept (warn), the game's box scores join it as usual.
        Assert.Equal(policy == "warn" ? 2 : 1, lake.Query("silver", "fct_game_details", "SELECT game_id FROM {t}").Count);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Game_dated_before_the_leagues_first_game_or_in_2099_is_quarantined_and_the_catalog_does_not_reach_2099()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader,
                Csv.Game("24600001", date: "1946-11-01", season: "1946"), Csv.Game("24600002", date: "1946-10-31", season: "1946"),
                Csv.Game("29800001", date: "2099-01-01", season: "2098"), Csv.Game("21900001")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")));

        Assert.Equal(
        [
            "games | 3 | game_date_plausible | game_date_est | 1946-10-31",
            "games | 4 | game_date_plausible | game_date_est | 2099-01-01",
        ], Rejects(lake));
        Assert.Equal(["21900001", "24600001"], GameIds(lake));
        // The catalog's freshness no longer says "data through 2099-01-01".
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(lake.Lake, "catalog.json")));
        Assert.Equal("2019-10-22", catalog.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "silver.games")
            .GetProperty("freshness").GetProperty("data_through").GetString());
        Assert.Equal(["4 | 2 | quarantine | quarantined | game 24600002: game_date 1946-10-31 is before the league's first game (1946-11-01)"],
            Quality(lake, "game_date_plausible"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task The_upper_date_bound_is_a_year_after_the_rows_ingest_day_and_a_rebuild_later_judges_it_the_same()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader,
            Csv.Game("22600001", date: "2027-01-01", season: "2026"), Csv.Game("22600002", date: "2027-01-02", season: "2026")));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader));
        // Ingested by a run of 2026-01-01 (TempLake.IngestAsync's run id), transformed by runs of today.
        await lake.IngestAsync();
        Assert.Equal(0, (await lake.RunAsync("transform")).ExitCode);
        Assert.Equal(["games | 3 | game_date_plausible | game_date_est | 2027-01-02"], Rejects(lake));
        Assert.Contains("more than a year after the row was ingested (2026-01-01)", Quality(lake, "game_date_plausible")[0], StringComparison.Ordinal);

        // Another policy (one these games pass) rebuilds every bucket: the bound is still the ingest day's, not the rebuild's.
        Assert.Equal(0, (await lake.RunAsync("transform", "--Quality:season_matches_date=fail")).ExitCode);

        Assert.Equal(["2"], lake.Query("_ops", "quality", "SELECT count(DISTINCT run_id) FROM {t}"));
        Assert.Equal(["22600001"], GameIds(lake));
        Assert.Equal(["games | 3 | game_date_plausible | game_date_est | 2027-01-02"], Rejects(lake));
    }

    [Fact]
    public void Every_rule_and_the_policy_it_runs_with_shape_silver_so_a_new_rule_rebuilds_every_bucket()
    {
        var defaults = new NbaLake.Transform.TransformStage(new NbaLake.Ingest.SourcesOptions(), new Dictionary<string, NbaLake.Storage.QualityPolicy>(), Serilog.Core.Logger.None);
        var relaxed = new NbaLake.Transform.TransformStage(new NbaLake.Ingest.SourcesOptions(),
            new Dictionary<string, NbaLake.Storage.QualityPolicy> { ["teams_differ"] = NbaLake.Storage.QualityPolicy.Warn }, Serilog.Core.Logger.None);

        Assert.All(LakeTables.Rules, r => Assert.Contains($"{r.Rule.Name}={r.Rule.DefaultPolicy}", string.Join(";", defaults.Settings), StringComparison.Ordinal));
        Assert.Contains("teams_differ=Warn", string.Join(";", relaxed.Settings), StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Validate_foresees_a_game_dated_more_than_a_year_ahead()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("29800001", date: "2099-01-01", season: "2098")));

        var (code, output) = await lake.RunAsync("validate", "--landing", lake.Landing);

        Assert.Equal(0, code);
        Assert.Contains("       1 games game_date_plausible (game_date_est), e.g. games.csv line 2, value '2099-01-01': game 29800001: game_date 2099-01-01 is more than a year after the row was ingested",
            output, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Validate_foresees_that_a_new_row_quarantining_a_game_silver_has_takes_its_box_scores_out()
    {
        using var lake = await RunAsync(Csv.File(Csv.GamesHeader, Csv.Game("21900001")), Csv.File(Csv.DetailsHeader));
        lake.Land("games_2.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001", visitor: Lal)));
        lake.Land("games_details_2.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001")));

        var (code, output) = await lake.RunAsync("validate", "--landing", lake.Landing);
        Assert.Equal(0, code);
        Assert.Contains("       1 games teams_differ (visitor_team_id)", output, StringComparison.Ordinal);
        Assert.Contains("       1 game_details unknown_game (game_id)", output, StringComparison.Ordinal);

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["game_details | 2 | unknown_game | game_id | 21900001", "games | 2 | teams_differ | visitor_team_id | 1610612747"], Rejects(lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Season_that_does_not_fit_the_date_warns_and_keeps_the_game_and_the_bubble_and_december_seasons_fit()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader,
                Csv.Game("21900001", date: "2019-09-01"), Csv.Game("41900001", date: "2020-10-11"), Csv.Game("41900002", date: "2020-10-31"),
                Csv.Game("22000001", date: "2020-12-11", season: "2020"), Csv.Game("42000001", date: "2021-07-20", season: "2020"),
                Csv.Game("21900002", date: "2019-08-31"), Csv.Game("41900003", date: "2020-11-01"), Csv.Game("21900003", date: "2019-12-01", season: "2018")),
            Csv.File(Csv.DetailsHeader));

        Assert.Empty(Rejects(lake));
        Assert.Equal(8, GameIds(lake).Count);
        Assert.Equal(["8 | 3 | warn | warned | game 21900002: game_date 2019-08-31 is not in season 2019, which runs from September 1, 2019 to October 31, 2020"],
            Quality(lake, "season_matches_date"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Season_that_does_not_fit_the_date_is_quarantined_when_so_configured()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("21900001"), Csv.Game("21900002", date: "2019-12-01", season: "2018")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900002")),
            "--Quality:season_matches_date=quarantine");

        Assert.Equal(["game_details | 2 | unknown_game | game_id | 21900002", "games | 3 | season_matches_date | season | 2018"], Rejects(lake));
        Assert.Equal(["21900001"], GameIds(lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Negative_team_points_are_quarantined_naming_the_side_and_negative_box_score_points_are_bad_value()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("21900001", ptsAway: "-5.0"), Csv.Game("21900002", ptsHome: "-1"), Csv.Game("21900003", ptsHome: "0", ptsAway: "2")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900003", pts: "-2.0"), Csv.Detail("21900003", playerId: "7", pts: "0.0")));

        Assert.Equal(
        [
            "game_details | 2 | bad_value | pts | -2.0",
            "games | 2 | team_points_not_negative | pts_away | -5.0",
            "games | 3 | team_points_not_negative | pts_home | -1",
        ], Rejects(lake));
        Assert.Equal(["21900003"], GameIds(lake));
        Assert.Equal(["3 | 2 | quarantine | quarantined | game 21900001 (2019-10-22): pts_away -5 is negative"], Quality(lake, "team_points_not_negative"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Ids_of_zero_or_below_are_quarantined_naming_the_first_such_column()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader,
                Csv.Game("0"), Csv.Game("-21900002"), Csv.Game("21900003", home: "0"), Csv.Game("21900004", visitor: "-1610612738"), Csv.Game("21900005")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900005", playerId: "0"), Csv.Detail("21900005", playerId: "-2544"), Csv.Detail("21900005", playerId: "1")));

        Assert.Equal(
        [
            "game_details | 2 | detail_ids_positive | player_id | 0",
            "game_details | 3 | detail_ids_positive | player_id | -2544",
            "games | 2 | game_ids_positive | game_id | 0",
            "games | 3 | game_ids_positive | game_id | -21900002",
            "games | 4 | game_ids_positive | home_team_id | 0",
            "games | 5 | game_ids_positive | visitor_team_id | -1610612738",
        ], Rejects(lake));
        Assert.Equal(["21900005"], GameIds(lake));
        Assert.Equal(["1"], lake.Query("silver", "fct_game_details", "SELECT player_id FROM {t}"));
        Assert.Equal(["3 | 2 | quarantine | quarantined | game 21900005, player -2544: player_id -2544 is not above 0"], Quality(lake, "detail_ids_positive"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task With_game_ids_only_warned_a_game_id_of_zero_stays_and_its_box_scores_are_quarantined_by_their_own_id_rule()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("0")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("0")),
            "--Quality:game_ids_positive=warn");

        Assert.Equal(["0"], GameIds(lake));
        Assert.Equal(["game_details | 2 | detail_ids_positive | game_id | 0"], Rejects(lake));
        Assert.Equal(["1 | 1 | warn | warned | game 0: game_id 0 is not above 0"], Quality(lake, "game_ids_positive"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Real_kaggle_games_2003_to_2022_pass_every_plausibility_rule_bubble_and_december_seasons_included()
    {
        using var lake = new TempLake();
        File.Copy(Path.Combine(Repo.RealData("kaggle-games-2003-2022"), "games.csv"), Path.Combine(lake.Landing, "games.csv"));

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        Assert.Equal(
        [
            "game_date_plausible | 25767 | 0",
            "game_ids_positive | 25767 | 0",
            "season_matches_date | 25767 | 0",
            "team_points_not_negative | 25767 | 0",
            "teams_differ | 25767 | 0",
        ], lake.Query("_ops", "quality", """
            SELECT rule, rows_checked, rows_failing FROM {t}
            WHERE rule IN ('game_ids_positive', 'teams_differ', 'game_date_plausible', 'season_matches_date', 'team_points_not_negative') ORDER BY 1
            """));
        // The bubble's last game (season 2019) and the first of 2020-21, in December, are in silver.
        Assert.Equal(["2019 | 2020-10-11", "2020 | 2020-12-11"], lake.Query("silver", "games",
            "SELECT season, CAST(CASE WHEN season = 2019 THEN max(game_date) ELSE min(game_date) END AS VARCHAR) FROM {t} WHERE season IN (2019, 2020) GROUP BY season ORDER BY 1"));
    }
}
