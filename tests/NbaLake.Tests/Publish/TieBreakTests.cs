using NbaLake.Tests.Support;

namespace NbaLake.Tests.Publish;

/// <summary>
/// Each tie-break and ordering rule the contract states for gold (lake-contract.md, Gold), on a hand-made landing
/// where the tie exists and the wrong choice gives another, asserted row. The job runs as a user runs it; the SQL twins
/// in <c>sql/gold</c> must give the same gold over the same silver, so both implementations are held to the rule.
/// </summary>
public class TieBreakTests
{
    private const string Lal = "1610612747", Bos = "1610612738", Gsw = "1610612744", Atl = "1610612737", Nop = "1610612740";

    private const string Dnp = "DNP - Coach's Decision";

    [Fact(Timeout = Timeouts.Job)]
    public async Task Best_stretch_tie_goes_to_the_earliest_window()
    {
        // LAL (home) against BOS: W W W L in 2018-19, then W W W in 2019-20. With N = 3, LAL's first and last windows
        // both hold 3 wins; BOS's windows with its one win are games 2-4, 3-5 and 4-6 (the last across seasons).
        string[] ids = ["21800001", "21800002", "21800003", "21800004", "21900001", "21900002", "21900003"];
        string[] dates = ["2018-10-20", "2018-10-22", "2018-10-24", "2018-10-26", "2019-10-22", "2019-10-24", "2019-10-26"];
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, [.. ids.Select((id, i) => Game(id, dates[i], Lal, Bos, homeWins: i == 3 ? "0" : "1"))]),
            Csv.File(Csv.DetailsHeader, [.. ids.SelectMany(id => new[] { Detail(id, Lal, "2544", "LeBron James", "25.0"), Detail(id, Bos, "1628369", "Jayson Tatum", "25.0") })]),
            "--Publish:StretchGames=3");

        Assert.Equal(
        [
            "1610612738 | BOS | 3 | 1 | 2018-10-22 | 2018-10-26",
            "1610612747 | LAL | 3 | 3 | 2018-10-20 | 2018-10-24",
        ], lake.Query("gold", "team_best_stretch", "SELECT * FROM {t} ORDER BY team_id"));
        Assert.Empty(GoldSql.Compare(lake.Lake, stretchGames: 3));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Scoring_streak_tie_goes_to_the_earliest_streak()
    {
        // LAL's games: four in 2018-19, seven in 2019-20; each player's points in them (threshold 10). Every player
        // has two longest streaks of 2, where the tie sits in a different place of the season parts gold merges:
        // 101: the run a season starts with against the one it ends with;
        // 102: two runs strictly inside one season;
        // 103: the run 2018-19 ends with against one inside 2019-20;
        // 104: a run carried across the season boundary against one inside 2019-20.
        var players = new (string Id, int[] Pts2018, int[] Pts2019)[]
        {
            ("101", [], [20, 20, 5, 5, 5, 20, 20]),
            ("102", [], [5, 20, 20, 5, 20, 20, 5]),
            ("103", [5, 5, 20, 20], [5, 20, 20, 5, 5, 5, 5]),
            ("104", [5, 5, 5, 20], [20, 5, 20, 20, 5, 5, 5]),
        };
        var games = new List<(string Id, string Date)>();
        games.AddRange(Enumerable.Range(0, 4).Select(i => ($"2180000{i + 1}", new DateOnly(2018, 10, 20).AddDays(2 * i).ToString("yyyy-MM-dd", null))));
        games.AddRange(Enumerable.Range(0, 7).Select(i => ($"2190000{i + 1}", new DateOnly(2019, 10, 22).AddDays(2 * i).ToString("yyyy-MM-dd", null))));
        var details = players.SelectMany(p => p.Pts2018.Concat(p.Pts2019).Select((pts, g) => (Game: games[games.Count - p.Pts2018.Length - p.Pts2019.Length + g].Id, p.Id, pts)))
            .Select(r => Detail(r.Game, Lal, r.Id, "Player " + r.Id, r.pts + ".0"));
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, [.. games.Select(g => Game(g.Id, g.Date, Lal, Bos))]),
            Csv.File(Csv.DetailsHeader, [.. details]));

        Assert.Equal(
        [
            "101 | 2 | 2019-10-22 | 2019-10-24 | 7",
            "102 | 2 | 2019-10-24 | 2019-10-26 | 7",
            "103 | 2 | 2018-10-24 | 2018-10-26 | 11",
            "104 | 2 | 2018-10-26 | 2019-10-22 | 11",
        ], lake.Query("gold", "player_scoring_streaks", "SELECT player_id, longest_streak, streak_start_date, streak_end_date, games_played FROM {t} ORDER BY player_id"));
        Assert.Empty(GoldSql.Compare(lake.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Games_of_one_date_go_in_game_id_order()
    {
        // LAL plays twice on 2019-10-24 (landed in reverse id order). In (game_date, game_id) order its results are
        // W W L L and LeBron's points 20 20 5 20; in reverse id order on that date they would be W L W L and 20 5 20 20.
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader,
                Game("21900001", "2019-10-22", Lal, Bos), Game("21900003", "2019-10-24", Lal, Atl, homeWins: "0"),
                Game("21900002", "2019-10-24", Lal, Gsw), Game("21900004", "2019-10-26", Lal, Bos, homeWins: "0")),
            Csv.File(Csv.DetailsHeader,
                Detail("21900001", Lal, "2544", "LeBron James", "20.0"), Detail("21900003", Lal, "2544", "LeBron James", "5.0"),
                Detail("21900002", Lal, "2544", "LeBron James", "20.0"), Detail("21900004", Lal, "2544", "LeBron James", "20.0")),
            "--Publish:StretchGames=2");

        Assert.Equal(["2 | 2019-10-22 | 2019-10-24"],
            lake.Query("gold", "team_best_stretch", $"SELECT best_wins, stretch_start_date, stretch_end_date FROM {{t}} WHERE team_id = {Lal}"));
        Assert.Equal(["2 | 2019-10-22 | 2019-10-24"],
            lake.Query("gold", "player_scoring_streaks", "SELECT longest_streak, streak_start_date, streak_end_date FROM {t} WHERE player_id = 2544"));
        Assert.Empty(GoldSql.Compare(lake.Lake, stretchGames: 2));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Names_come_from_the_latest_game_by_date_then_game_id()
    {
        // New Orleans (NOH, then NOP) at home against BOS. Player 201 was renamed on his latest game by date, which has
        // the lower game id; player 202 and the team were renamed on the second of two games on their latest date,
        // landed first. The 2018-19 game (an earlier season part) has the old names everywhere.
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader,
                Game("21800010", "2019-04-01", Nop, Bos), Game("21900009", "2019-10-20", Nop, Bos), Game("21900003", "2019-10-25", Nop, Bos),
                Game("21900005", "2019-10-28", Nop, Bos), Game("21900004", "2019-10-28", Nop, Bos)),
            Csv.File(Csv.DetailsHeader,
                Detail("21800010", Nop, "201", "Ron Artest", "30.0", "NOH"), Detail("21800010", Nop, "202", "Enes Kanter", "12.0", "NOH"),
                Detail("21900009", Nop, "201", "Ron Artest", "30.0", "NOH"), Detail("21900009", Nop, "202", "Enes Kanter", "12.0", "NOH"),
                Detail("21900003", Nop, "201", "Metta World Peace", "30.0", "NOH"), Detail("21900003", Nop, "202", "Enes Kanter", "12.0", "NOH"),
                Detail("21900005", Nop, "202", "Enes Freedom", "12.0", "NOP"),
                Detail("21900004", Nop, "202", "Enes Kanter", "12.0", "NOH")),
            "--Publish:StretchGames=2");

        Assert.Equal(["201 | Metta World Peace", "202 | Enes Freedom"],
            lake.Query("gold", "agg_game_details", "SELECT DISTINCT player_id, player_name FROM {t} WHERE player_id IS NOT NULL ORDER BY ALL"));
        Assert.Equal([$"{Nop} | NOP"], // BOS has no box score here: team rows come from box scores
            lake.Query("gold", "agg_game_details", "SELECT DISTINCT team_id, team_abbreviation FROM {t} WHERE team_id IS NOT NULL ORDER BY ALL"));
        Assert.Equal(["201 | Metta World Peace", "202 | Enes Freedom"],
            lake.Query("gold", "player_scoring_streaks", "SELECT player_id, player_name FROM {t} ORDER BY ALL"));
        Assert.Equal([$"{Nop} | NOP"],
            lake.Query("gold", "team_best_stretch", "SELECT team_id, team_abbreviation FROM {t} ORDER BY ALL"));
        Assert.Equal(["201 | Metta World Peace | 1610612740 | NOP"],
            lake.Query("gold", "answers", "SELECT player_id, player_name, team_id, team_abbreviation FROM {t} WHERE question_id = 'q1'"));
        Assert.Empty(GoldSql.Compare(lake.Lake, stretchGames: 2));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Team_rows_of_one_game_that_disagree_take_the_abbreviation_of_the_highest_player_id()
    {
        // The contract is silent on rows of one game that disagree; docs/decisions.md (Gold) fixes the highest player_id.
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Game("21900001", "2019-10-22", Lal, Bos)),
            Csv.File(Csv.DetailsHeader,
                Detail("21900001", Lal, "300", "Player 300", "20.0", "LAL"), Detail("21900001", Lal, "100", "Player 100", "20.0", "LAK")));

        Assert.Equal(["LAL"], lake.Query("gold", "agg_game_details", $"SELECT team_abbreviation FROM {{t}} WHERE agg_level = 'team' AND team_id = {Lal}"));
        Assert.Empty(GoldSql.Compare(lake.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Most_points_for_one_team_tie_goes_to_the_lowest_player_id_then_team_id()
    {
        using var lake = await PointsAndWinsTiesAsync();

        Assert.Equal([$"500 | Player 500 | {Bos} | BOS | 30"],
            lake.Query("gold", "answers", "SELECT player_id, player_name, team_id, team_abbreviation, value FROM {t} WHERE question_id = 'q1'"));
        Assert.Empty(GoldSql.Compare(lake.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Most_points_in_one_season_tie_goes_to_the_lowest_player_id_then_season()
    {
        using var lake = await PointsAndWinsTiesAsync();

        Assert.Equal(["500 | Player 500 | 2018 | 30"],
            lake.Query("gold", "answers", "SELECT player_id, player_name, season, value FROM {t} WHERE question_id = 'q2'"));
        Assert.Empty(GoldSql.Compare(lake.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Most_wins_tie_goes_to_the_lowest_team_id()
    {
        using var lake = await PointsAndWinsTiesAsync();

        Assert.Equal([$"{Bos} | BOS | 1"],
            lake.Query("gold", "answers", "SELECT team_id, team_abbreviation, value FROM {t} WHERE question_id = 'q3'"));
        Assert.Empty(GoldSql.Compare(lake.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Best_stretch_answer_tie_goes_to_the_lowest_team_id()
    {
        // With N = 2: BOS and LAL each won 2 in a row (LAL later, with a higher id), ATL (the lowest id) and GSW none.
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader,
                Game("21900001", "2019-10-22", Bos, Atl), Game("21900002", "2019-10-24", Bos, Atl),
                Game("21900003", "2019-10-26", Lal, Gsw), Game("21900004", "2019-10-28", Lal, Gsw)),
            Csv.File(Csv.DetailsHeader,
            [
                .. new[] { "21900001", "21900002" }.SelectMany(g => new[] { Detail(g, Bos, "1628369", "Jayson Tatum", "25.0"), Detail(g, Atl, "1629027", "Trae Young", "25.0") }),
                .. new[] { "21900003", "21900004" }.SelectMany(g => new[] { Detail(g, Lal, "2544", "LeBron James", "25.0"), Detail(g, Gsw, "201939", "Stephen Curry", "25.0") }),
            ]),
            "--Publish:StretchGames=2");

        Assert.Equal([$"{Bos} | BOS | 2 | 2019-10-22 | 2019-10-24"],
            lake.Query("gold", "answers", "SELECT team_id, team_abbreviation, value, start_date, end_date FROM {t} WHERE question_id = 'q4'"));
        Assert.Empty(GoldSql.Compare(lake.Lake, stretchGames: 2));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Streak_answer_goes_to_the_namesake_with_most_games_played_then_the_lowest_id()
    {
        // Three players named LeBron James: 100 has the most rows but two of them DNP (2 games played), 200 and 300
        // played 3 games each; their longest streaks differ (2, 1, 3), so the row chosen shows in the value.
        string[] ids = ["21900001", "21900002", "21900003", "21900004"];
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, [.. ids.Select((id, i) => Game(id, new DateOnly(2019, 10, 22).AddDays(2 * i).ToString("yyyy-MM-dd", null), Lal, Bos))]),
            Csv.File(Csv.DetailsHeader,
                Detail(ids[0], Lal, "100", "LeBron James", "20.0"), Detail(ids[1], Lal, "100", "LeBron James", "20.0"),
                Detail(ids[2], Lal, "100", "LeBron James", "", comment: Dnp), Detail(ids[3], Lal, "100", "LeBron James", "", comment: Dnp),
                Detail(ids[0], Lal, "200", "LeBron James", "20.0"), Detail(ids[1], Lal, "200", "LeBron James", "5.0"), Detail(ids[2], Lal, "200", "LeBron James", "20.0"),
                Detail(ids[0], Lal, "300", "LeBron James", "20.0"), Detail(ids[1], Lal, "300", "LeBron James", "20.0"), Detail(ids[2], Lal, "300", "LeBron James", "20.0")));

        Assert.Equal(["200 | LeBron James | 1 | 2019-10-22 | 2019-10-22"],
            lake.Query("gold", "answers", "SELECT player_id, player_name, value, start_date, end_date FROM {t} WHERE question_id = 'q5'"));
        Assert.Empty(GoldSql.Compare(lake.Lake));
    }

    /// <summary>
    /// Player 500 scored 30 for LAL in 2018-19 and 30 for BOS (the lower team id) in 2019-20; player 900 scored 30 for
    /// GSW in 2018-19; no group has more. So q1 ties three (player, team) groups and q2 three (player, season) groups.
    /// LAL beat GSW in 2018-19 and BOS beat GSW in 2019-20: q3 ties LAL and BOS at one win.
    /// </summary>
    private static Task<TempLake> PointsAndWinsTiesAsync() => RunAsync(
        Csv.File(Csv.GamesHeader, Game("21800001", "2018-10-20", Lal, Gsw), Game("21900001", "2019-10-22", Bos, Gsw)),
        Csv.File(Csv.DetailsHeader,
            Detail("21800001", Lal, "500", "Player 500", "30.0"), Detail("21800001", Gsw, "900", "Player 900", "30.0"),
            Detail("21900001", Bos, "500", "Player 500", "30.0"), Detail("21900001", Gsw, "901", "Player 901", "10.0")));

    private static Task<TempLake> RunAsync(string games, string details, params string[] settings) => TempLake.RanAsync(games, details, settings);

    /// <summary>A games.csv line in the season of its id (<c>218…</c> is 2018-19), with no team points.</summary>
    private static string Game(string gameId, string date, string home, string visitor, string homeWins = "1") =>
        Csv.Game(gameId, date, home, visitor, season: "20" + gameId[1..3], ptsHome: "", ptsAway: "", homeWins: homeWins);

    /// <summary>A games_details.csv line; empty points with a comment is a game not played.</summary>
    private static string Detail(string gameId, string teamId, string playerId, string name, string pts, string? abbreviation = null, string comment = "") =>
        Csv.Detail(gameId, pts, playerId, teamId, name, min: pts.Length == 0 ? "" : "30:00", comment: comment, abbreviation: abbreviation ?? Abbreviation(teamId));

    private static string Abbreviation(string teamId) => teamId switch
    {
        Lal => "LAL",
        Bos => "BOS",
        Gsw => "GSW",
        Atl => "ATL",
        Nop => "NOP",
        _ => throw new ArgumentOutOfRangeException(nameof(teamId), teamId, "no abbreviation in this test"),
    };
}
