using NbaLake.Publish;
using NbaLake.Tests.Support;
using static NbaLake.Tests.Support.ScanRows;

namespace NbaLake.Tests.Publish;

/// <summary>The sliding window of gold team_best_stretch, on rows in memory: each unit's part, then the fold over units.</summary>
public class TeamBestStretchTests
{
    /// <summary>Gold's rows for N-game windows over the units in order, as "team | abbreviation | N | wins | start | end".</summary>
    private static List<string> Stretches(int n, params ScanRow[][] units)
    {
        var fold = new TeamBestStretch.Fold(n);
        foreach (var unit in units)
        {
            var part = new TeamBestStretch.UnitPart();
            foreach (var row in unit)
            {
                part.Add(row);
            }
            fold.Add(part);
        }
        return [.. fold.Rows(Names(units)).Select(r =>
            $"{r.TeamId} | {r.TeamAbbreviation} | {r.StretchGames} | {r.BestWins} | {Text(r.StretchStartDate)} | {Text(r.StretchEndDate)}")];
    }

    [Fact]
    public void The_best_window_is_the_most_wins_in_N_consecutive_games()
    {
        // Windows of 3: WLW 2, LWW 2, WWW 3 (games 3 to 5), WWL 2.
        Assert.Equal(["1 | T1 | 3 | 3 | 2019-10-26 | 2019-10-30"], Stretches(3, Results(1, "2019-10-22", "WLWWWL", 21900001)));
    }

    [Fact]
    public void A_tie_goes_to_the_earliest_window()
    {
        // Windows of 2: WW (games 1-2), WL, LW, WW (games 4-5): the first of the two.
        Assert.Equal(["1 | T1 | 2 | 2 | 2019-10-22 | 2019-10-24"], Stretches(2, Results(1, "2019-10-22", "WWLWW", 21900001)));
    }

    [Fact]
    public void A_later_window_with_more_wins_replaces_an_earlier_one()
    {
        // The first window (which is always taken) holds 1 win; the last one 2.
        Assert.Equal(["1 | T1 | 2 | 2 | 2019-10-28 | 2019-10-30"], Stretches(2, Results(1, "2019-10-22", "LWLWW", 21900001)));
    }

    [Fact]
    public void A_window_crosses_the_season_boundary()
    {
        // 2018-19 ends L L W W, 2019-20 starts W L L L: the only window of 3 wins is the last two games of one season and
        // the first of the next.
        Assert.Equal(["1 | T1 | 3 | 3 | 2019-04-04 | 2019-10-22"],
            Stretches(3, Results(1, "2019-03-31", "LLWW", 21801000), Results(1, "2019-10-22", "WLLL", 21900001)));
    }

    [Fact]
    public void A_team_that_never_won_has_0_wins_over_its_first_window()
    {
        Assert.Equal(["1 | T1 | 2 | 0 | 2019-10-22 | 2019-10-24"], Stretches(2, Results(1, "2019-10-22", "LLL", 21900001)));
    }

    [Fact]
    public void A_team_with_fewer_than_N_games_is_left_out_and_one_with_exactly_N_has_its_one_window()
    {
        var rows = InOrder([.. Results(1, "2019-10-22", "WLW", 21900001), .. Results(2, "2019-10-22", "WW", 21900101)]);

        Assert.Equal(["1 | T1 | 3 | 2 | 2019-10-22 | 2019-10-26"], Stretches(3, rows));
    }

    [Fact]
    public void A_game_counts_once_however_many_of_the_teams_players_have_a_row()
    {
        // Game 1 (won) has three player rows, game 2 (lost) two, game 3 (won) one. Per game the windows of 2 are WL and
        // LW (1 win each); counted per row, the first window would be three rows of game 1 (2 of them wins).
        var rows = InOrder(
        [
            Row("2019-10-22", 21900001, player: 1), Row("2019-10-22", 21900001, player: 2), Row("2019-10-22", 21900001, player: 3, played: false),
            Row("2019-10-24", 21900002, player: 1, won: false), Row("2019-10-24", 21900002, player: 2, won: false),
            Row("2019-10-26", 21900003, player: 1),
        ]);

        Assert.Equal(["1 | T1 | 2 | 1 | 2019-10-22 | 2019-10-24"], Stretches(2, rows));
    }

    [Fact]
    public void Teams_come_in_team_id_order_with_the_abbreviation_of_their_latest_game()
    {
        var rows = InOrder(
        [
            Row("2019-10-22", 21900001, team: 20, player: 5, abbreviation: "NOH"), Row("2019-10-24", 21900002, team: 20, player: 5, abbreviation: "NOP"),
            Row("2019-10-22", 21900003, team: 10, player: 6, won: false), Row("2019-10-24", 21900004, team: 10, player: 6),
        ]);

        Assert.Equal(["10 | T10 | 2 | 1 | 2019-10-22 | 2019-10-24", "20 | NOP | 2 | 2 | 2019-10-22 | 2019-10-24"], Stretches(2, rows));
    }

    [Fact]
    public void A_part_read_back_from_the_cache_folds_like_the_part_itself()
    {
        var rows = InOrder([.. Results(1, "2019-10-22", "WLWWL", 21900001), .. Results(2, "2019-10-23", "LLWW", 21900101)]);
        var part = new TeamBestStretch.UnitPart();
        foreach (var row in rows)
        {
            part.Add(row);
        }
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            part.Write(writer);
        }
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var (direct, cached) = (new TeamBestStretch.Fold(2), new TeamBestStretch.Fold(2));
        direct.Add(part);
        cached.Add(TeamBestStretch.UnitPart.Read(reader));

        var names = Names([rows]);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(direct.Rows(names)), System.Text.Json.JsonSerializer.Serialize(cached.Rows(names)));
    }
}
