using NbaLake.Tests.Support;

namespace NbaLake.Tests.Transform;

/// <summary>Every reject reason of the contract and the duplicate rule, one behaviour per test.</summary>
public class SilverRuleTests
{
    private static async Task<TempLake> RunAsync(string games, string details)
    {
        var lake = new TempLake();
        lake.Land("games.csv", games);
        lake.Land("games_details.csv", details);
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        return lake;
    }

    private static List<string> Rejects(TempLake lake) => Select(lake, "silver", "_rejects", "source, _source_line, reason, \"column\", value");

    private static List<string> Select(TempLake lake, string layer, string table, string columns) =>
        lake.Query(layer, table, $"SELECT {columns} FROM {{t}} ORDER BY ALL");

    [Fact(Timeout = Timeouts.Job)]
    public async Task Empty_or_non_integer_key_is_bad_key()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("21900001"), Csv.Game("2190000X")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", playerId: ""), Csv.Detail("21900001", teamId: "LAL"), Csv.Detail("21900001", playerId: "1.5")));

        Assert.Equal(
        [
            "game_details | 2 | bad_key | player_id | null",
            "game_details | 3 | bad_key | team_id | LAL",
            "game_details | 4 | bad_key | player_id | 1.5",
            "games | 3 | bad_key | game_id | 2190000X",
        ], Rejects(lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Value_that_does_not_parse_or_a_missing_required_game_field_is_bad_value()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader,
                Csv.Game("21900001"), Csv.Game("21900002", date: "10/22/2019"), Csv.Game("21900003", season: ""),
                Csv.Game("21900004", homeWins: "yes"), Csv.Game("21900005", ptsHome: "99.5"), Csv.Game("21900006", visitor: "")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "12.5"), Csv.Detail("21900001", playerId: "1", min: "30:61"), Csv.Detail("21900001", playerId: "2", pts: "1e3")));

        Assert.Equal(
        [
            "game_details | 2 | bad_value | pts | 12.5",
            "game_details | 3 | bad_value | min | 30:61",
            "game_details | 4 | bad_value | pts | 1e3",
            "games | 3 | bad_value | game_date_est | 10/22/2019",
            "games | 4 | bad_value | season | null",
            "games | 5 | bad_value | home_team_wins | yes",
            "games | 6 | bad_value | pts_home | 99.5",
            "games | 7 | bad_value | visitor_team_id | null",
        ], Rejects(lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Detail_row_of_a_team_that_did_not_play_the_game_is_team_not_in_game()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("21900001")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", teamId: Csv.Gsw.ToString(System.Globalization.CultureInfo.InvariantCulture), abbreviation: "GSW")));

        Assert.Equal(["game_details | 2 | team_not_in_game | team_id | 1610612744"], Rejects(lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Detail_row_without_its_game_is_unknown_game_until_a_later_drop_brings_the_game()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001"), Csv.Detail("21900002", pts: "31.0")));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);
        Assert.Equal(["game_details | 3 | unknown_game | game_id | 21900002"], Rejects(lake));

        lake.Land("games_2.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900002", date: "2019-10-24")));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        Assert.Empty(Rejects(lake));
        Assert.Equal(["21900001 | 20", "21900002 | 31"], Select(lake, "silver", "fct_game_details", "game_id, pts"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Duplicate_from_a_later_batch_wins()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        lake.Land("games_details.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "20.0")));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        // A re-export: same game and player, corrected points, and the game with corrected scores.
        lake.Land("games_details_fix.csv", Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "22.0")));
        lake.Land("games_fix.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001", ptsHome: "102.0")));
        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        Assert.Equal(["21900001 | 2544 | 22"], Select(lake, "silver", "fct_game_details", "game_id, player_id, pts"));
        Assert.Equal(["21900001 | 102"], Select(lake, "silver", "games", "game_id, pts_home"));
        Assert.Equal(["LeBron James scored the most points in one season: 22 in 2019-20."],
            Select(lake, "gold", "answers", "answer").Where(a => a.Contains("one season", StringComparison.Ordinal)));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Duplicate_within_one_file_the_later_line_wins()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("21900001", ptsHome: "100.0"), Csv.Game("21900001", ptsHome: "101.0")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "20.0"), Csv.Detail("21900001", pts: "21.0"), Csv.Detail("21900001", pts: "19.0")));

        Assert.Equal(["21900001 | 101"], Select(lake, "silver", "games", "game_id, pts_home"));
        Assert.Equal(["21900001 | 19"], Select(lake, "silver", "fct_game_details", "game_id, pts"));
        Assert.Empty(Rejects(lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Did_not_play_rows_keep_their_trimmed_comment_and_have_null_stats()
    {
        using var lake = await RunAsync(
            Csv.File(Csv.GamesHeader, Csv.Game("21900001")),
            Csv.File(Csv.DetailsHeader, Csv.Detail("21900001", pts: "", min: "", comment: "DNP - Coach's Decision   ")));

        Assert.Equal(["False | DNP - Coach's Decision | null | null | True"],
            Select(lake, "silver", "fct_game_details", "did_play, comment, pts, minutes, won_game"));
    }
}
