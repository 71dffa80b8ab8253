using NbaLake.Publish;
using NbaLake.Tests.Support;
using static NbaLake.Tests.Support.ScanRows;

namespace NbaLake.Tests.Publish;

/// <summary>
/// Gold agg_game_details on rows in memory: a unit's sums of the three grouping sets, and their merge over units.
/// Rows read "level | player | name | team | abbreviation | season | games played | games won | total pts".
/// </summary>
public class AggGameDetailsTests
{
    private static List<string> Groups(params ScanRow[][] units)
    {
        var fold = new AggGameDetails.Fold();
        foreach (var unit in units)
        {
            var part = new AggGameDetails.UnitPart();
            foreach (var row in unit)
            {
                part.Add(row);
            }
            fold.Add(part);
        }
        return [.. fold.Rows(Names(units)).Select(r =>
            $"{r.AggLevel} | {Show(r.PlayerId)} | {r.PlayerName ?? "null"} | {Show(r.TeamId)} | {r.TeamAbbreviation ?? "null"} | {Show(r.Season)} | {r.GamesPlayed} | {r.GamesWon} | {r.TotalPts}")];
    }

    private static string Show(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";

    [Fact]
    public void One_game_gives_each_grouping_set_with_the_dimensions_outside_it_null()
    {
        // Team 10 (won) against team 20: player 1 scored 20, player 2 did not play, player 3 of team 20 scored 15.
        var game = InOrder(
        [
            Row("2019-10-22", 21900001, team: 10, player: 1, pts: 20), Row("2019-10-22", 21900001, team: 10, player: 2, played: false),
            Row("2019-10-22", 21900001, team: 20, player: 3, pts: 15, won: false),
        ]);

        Assert.Equal(
        [
            "player_team | 1 | Player 1 | 10 | T10 | null | 1 | 1 | 20",
            "player_team | 2 | Player 2 | 10 | T10 | null | 0 | 0 | 0",
            "player_team | 3 | Player 3 | 20 | T20 | null | 1 | 0 | 15",
            "player_season | 1 | Player 1 | null | null | 2019 | 1 | 1 | 20",
            "player_season | 2 | Player 2 | null | null | 2019 | 0 | 0 | 0",
            "player_season | 3 | Player 3 | null | null | 2019 | 1 | 0 | 15",
            "team | null | null | 10 | T10 | null | 1 | 1 | 20",
            "team | null | null | 20 | T20 | null | 1 | 0 | 15",
        ], Groups(game));
    }

    [Fact]
    public void The_team_level_counts_distinct_games_not_player_rows()
    {
        // Two games of team 10 with three and two player rows; it won the first.
        var rows = InOrder(
        [
            Row("2019-10-22", 21900001, team: 10, player: 1, pts: 10), Row("2019-10-22", 21900001, team: 10, player: 2, pts: 5),
            Row("2019-10-22", 21900001, team: 10, player: 3, played: false),
            Row("2019-10-24", 21900002, team: 10, player: 1, pts: 7, won: false), Row("2019-10-24", 21900002, team: 10, player: 2, pts: 1, won: false),
        ]);

        Assert.Equal(["team | null | null | 10 | T10 | null | 2 | 1 | 23"], Groups(rows).Where(r => r.StartsWith("team ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Player_levels_count_only_the_games_the_player_played()
    {
        // Player 1 played and won game 1, did not play game 2 (won too), played and lost game 3.
        var rows = Points("2019-10-22", 21900001, 20, null, 8);
        rows[2] = rows[2] with { WonGame = false };

        Assert.Equal(
        [
            "player_team | 1 | Player 1 | 1 | T1 | null | 2 | 1 | 28",
            "player_season | 1 | Player 1 | null | null | 2019 | 2 | 1 | 28",
        ], Groups(rows).Where(r => r.StartsWith("player", StringComparison.Ordinal)));
    }

    [Fact]
    public void Units_merge_by_adding_their_sums_and_each_season_keeps_its_own_row()
    {
        // Player 1 of team 1 in two seasons; in 2019-20 he also played a game for team 20, with player 2.
        var season1 = Points("2019-03-31", 21801000, 10, 12);
        var season2 = InOrder(
        [
            .. Points("2019-10-22", 21900001, 30),
            Row("2019-10-24", 21900002, team: 20, player: 1, pts: 4, won: false), Row("2019-10-24", 21900002, team: 20, player: 2, pts: 6, won: false),
        ]);

        Assert.Equal(
        [
            "player_team | 1 | Player 1 | 1 | T1 | null | 3 | 3 | 52",
            "player_team | 1 | Player 1 | 20 | T20 | null | 1 | 0 | 4",
            "player_team | 2 | Player 2 | 20 | T20 | null | 1 | 0 | 6",
            "player_season | 1 | Player 1 | null | null | 2018 | 2 | 2 | 22",
            "player_season | 1 | Player 1 | null | null | 2019 | 2 | 1 | 34",
            "player_season | 2 | Player 2 | null | null | 2019 | 1 | 0 | 6",
            "team | null | null | 1 | T1 | null | 3 | 3 | 52",
            "team | null | null | 20 | T20 | null | 1 | 0 | 10",
        ], Groups(season1, season2));
    }
}
