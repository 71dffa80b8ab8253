using NbaLake.Publish;
using NbaLake.Tests.Support;
using static NbaLake.Tests.Support.ScanRows;

namespace NbaLake.Tests.Publish;

/// <summary>
/// Gold player_scoring_streaks on rows in memory (threshold 10): a unit's summary of each player (its first run, its
/// last run and the longest run strictly inside), and the fold of the units' summaries in order.
/// </summary>
public class PlayerScoringStreaksTests
{
    private const int Threshold = 10;

    private static PlayerScoringStreaks.UnitPart Part(IEnumerable<ScanRow> rows, string streakPlayer = "LeBron James")
    {
        var part = new PlayerScoringStreaks.UnitPart(Threshold, streakPlayer);
        foreach (var row in rows)
        {
            part.Add(row);
        }
        return part;
    }

    /// <summary>Player 1's summary as "played | leading to | inner from..to | trailing from | first..last".</summary>
    private static string Summary(params int?[] points)
    {
        var s = Part(Points("2019-10-22", 21900001, points)).Players[1];
        return $"played {s.Played} | leading {s.Leading} to {Text(s.LeadingEnd)} | inner {s.Inner} {Text(s.InnerStart)}..{Text(s.InnerEnd)} | "
            + $"trailing {s.Trailing} from {Text(s.TrailingStart)} | {Text(s.FirstDate)}..{Text(s.LastDate)}";
    }

    /// <summary>Gold's rows over the units in order, as "player | name | T | longest | start | end | games played".</summary>
    private static List<string> Streaks(params ScanRow[][] units)
    {
        var fold = new PlayerScoringStreaks.Fold(Threshold);
        foreach (var unit in units)
        {
            fold.Add(Part(unit));
        }
        return [.. fold.Rows(Names(units)).Select(r =>
            $"{r.PlayerId} | {r.PlayerName} | {r.Threshold} | {r.LongestStreak} | {Text(r.StreakStartDate)} | {Text(r.StreakEndDate)} | {r.GamesPlayed}")];
    }

    private static ScanRow[] AsPlayer(long player, ScanRow[] rows) => [.. rows.Select(r => r with { PlayerId = player, PlayerName = $"Player {player}" })];

    [Fact]
    public void A_units_summary_is_its_first_run_its_last_run_and_the_longest_run_inside()
    {
        // Games from 2019-10-22, two days apart: 20 20 | 5 | 20 20 20 | 5 | 20 | 5 | 20 20.
        Assert.Equal("played 11 | leading 2 to 2019-10-24 | inner 3 2019-10-28..2019-11-01 | trailing 2 from 2019-11-09 | 2019-10-22..2019-11-11",
            Summary(20, 20, 5, 20, 20, 20, 5, 20, 5, 20, 20));
    }

    [Fact]
    public void Of_equal_runs_inside_a_unit_the_earliest_is_kept()
    {
        // 20 | 5 | 20 20 (games 3-4) | 5 | 20 20 (games 6-7) | 5 | 20.
        Assert.Equal("played 9 | leading 1 to 2019-10-22 | inner 2 2019-10-26..2019-10-28 | trailing 1 from 2019-11-07 | 2019-10-22..2019-11-07",
            Summary(20, 5, 20, 20, 5, 20, 20, 5, 20));
    }

    [Fact]
    public void A_unit_where_every_game_passed_is_one_leading_run_and_no_trailing_one()
    {
        var s = Part(Points("2019-10-22", 21900001, 20, 20, 20)).Players[1];

        Assert.True(s.AllPassed);
        Assert.Equal((3, 3, new DateOnly(2019, 10, 26), 0, 0), (s.Played, s.Leading, s.LeadingEnd, s.Inner, s.Trailing));
    }

    [Fact]
    public void A_game_passes_only_with_more_points_than_the_threshold()
    {
        // 11 passes, 10 does not: the unit ends on a failed game, so its trailing run is empty.
        var s = Part(Points("2019-10-22", 21900001, 11, 10)).Players[1];

        Assert.False(s.AllPassed);
        Assert.Equal((2, 1, 0), (s.Played, s.Leading, s.Trailing));
    }

    [Fact]
    public void Games_not_played_are_not_in_the_summary()
    {
        var s = Part(Points("2019-10-22", 21900001, 20, null, 20)).Players[1];

        Assert.True(s.AllPassed);
        Assert.Equal((2, 2, new DateOnly(2019, 10, 26)), (s.Played, s.Leading, s.LeadingEnd));
    }

    [Fact]
    public void The_q5_players_games_played_are_kept_by_name_ignoring_case_and_surrounding_spaces()
    {
        var rows = InOrder(
        [
            Row("2019-10-22", 21900001, player: 2544, pts: 25, name: "LeBron James"),
            Row("2019-10-24", 21900002, player: 2544, played: false, name: "LeBron James"),
            Row("2019-10-26", 21900003, player: 2544, pts: 30, name: "LeBron James"),
            Row("2019-10-22", 21900001, player: 7, pts: 25, name: "Anthony Davis"),
        ]);

        var part = Part(rows, streakPlayer: "  lebron JAMES ");

        Assert.Equal([2544L], part.Named.Keys);
        Assert.Equal([(new DateOnly(2019, 10, 22), 21900001, 25), (new DateOnly(2019, 10, 26), 21900003, 30)], part.Named[2544]);
    }

    [Fact]
    public void A_streak_crosses_the_season_boundary()
    {
        // 2018-19 ends 5 20 20, 2019-20 starts 20 20 5 20.
        Assert.Equal(["1 | Player 1 | 10 | 4 | 2019-04-02 | 2019-10-24 | 7"],
            Streaks(Points("2019-03-31", 21801000, 5, 20, 20), Points("2019-10-22", 21900001, 20, 20, 5, 20)));
    }

    [Fact]
    public void A_streak_runs_on_through_a_season_where_every_game_passed()
    {
        // 2017-18 ends 5 20, 2018-19 is 20 20, 2019-20 starts 20 5 then runs 20 20 20.
        Assert.Equal(["1 | Player 1 | 10 | 4 | 2018-03-03 | 2019-10-22 | 9"],
            Streaks(Points("2018-03-01", 21701000, 5, 20), Points("2018-10-20", 21800001, 20, 20), Points("2019-10-22", 21900001, 20, 5, 20, 20, 20)));
    }

    [Fact]
    public void Games_not_played_neither_extend_nor_break_a_streak()
    {
        // 2018-19 ends 5 20 (did not play); 2019-20 starts (did not play) 20 20 5.
        Assert.Equal(["1 | Player 1 | 10 | 3 | 2019-04-02 | 2019-10-26 | 5"],
            Streaks(Points("2019-03-31", 21801000, 5, 20, null), Points("2019-10-22", 21900001, null, 20, 20, 5)));
    }

    [Fact]
    public void A_tie_goes_to_the_earliest_streak()
    {
        // Player 1: the run 2018-19 ends with (2) against one inside 2019-20 (2).
        // Player 2: a run carried across the boundary (2) against one inside 2019-20 (2).
        // Player 3: the run a season starts with (2) against the one it ends with (2).
        var season1 = InOrder([.. Points("2019-03-31", 21801000, 5, 20, 20), .. AsPlayer(2, Points("2019-03-31", 21801000, 5, 5, 20))]);
        var season2 = InOrder(
        [
            .. Points("2019-10-22", 21900001, 5, 20, 20, 5, 5),
            .. AsPlayer(2, Points("2019-10-22", 21900001, 20, 5, 20, 20, 5)),
            .. AsPlayer(3, Points("2019-10-22", 21900001, 20, 20, 5, 20, 20)),
        ]);

        Assert.Equal(
        [
            "1 | Player 1 | 10 | 2 | 2019-04-02 | 2019-04-04 | 8",
            "2 | Player 2 | 10 | 2 | 2019-04-04 | 2019-10-22 | 8",
            "3 | Player 3 | 10 | 2 | 2019-10-22 | 2019-10-24 | 5",
        ], Streaks(season1, season2));
    }

    [Fact]
    public void A_player_who_never_passed_has_0_and_no_dates_and_one_who_never_played_is_left_out()
    {
        var rows = InOrder([.. Points("2019-10-22", 21900001, 5, 10), .. AsPlayer(2, Points("2019-10-22", 21900001, null, null))]);

        Assert.Equal(["1 | Player 1 | 10 | 0 | null | null | 2"], Streaks(rows));
    }

    [Fact]
    public void Players_come_in_player_id_order_with_the_name_of_their_latest_game()
    {
        var rows = InOrder(
        [
            Row("2019-10-22", 21900001, player: 9, name: "Ron Artest"), Row("2019-10-24", 21900002, player: 9, pts: 5, name: "Metta World Peace"),
            Row("2019-10-22", 21900001, player: 3),
        ]);

        Assert.Equal(["3 | Player 3 | 10 | 1 | 2019-10-22 | 2019-10-22 | 1", "9 | Metta World Peace | 10 | 1 | 2019-10-22 | 2019-10-22 | 2"], Streaks(rows));
    }
}
