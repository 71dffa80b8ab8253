using NbaLake.Transform;
using NbaLake.Transform.Quality;
using static NbaLake.Tests.Support.SilverRows;

namespace NbaLake.Tests.Transform;

/// <summary>The quality rules of silver fct_game_details (<see cref="FctGameDetails.Rules"/>), each on good and bad rows in memory.</summary>
public class FctGameDetailsTests
{
    private static QualityRule<GameDetailRow> Rule(string name) => FctGameDetails.Rules.Single(r => r.Name == name);

    private static string? Problem(string rule, GameDetailRow detail) => Rule(rule).RowCheck!(detail);

    [Fact]
    public void Details_key_unique_names_every_row_of_a_repeated_game_and_player()
    {
        var rule = Rule("details_key_unique");

        Assert.Empty(rule.GroupCheck!(new SilverTables([], []), [Detail(player: 1), Detail(player: 2), Detail(21900002, player: 1)]));
        Assert.Equal([(0, "GAME_ID, PLAYER_ID (21900001, 1) appears 2 times"), (1, "GAME_ID, PLAYER_ID (21900001, 1) appears 2 times")],
            rule.GroupCheck!(new SilverTables([], []), [Detail(player: 1), Detail(player: 1), Detail(player: 2)]));
    }

    [Fact]
    public void Details_game_and_team_exist_fails_on_a_missing_game_or_a_team_that_did_not_play_it()
    {
        var details = new[] { Detail(team: Lal), Detail(team: Bos, player: 2), Detail(team: Gsw, player: 3), Detail(21900002, player: 4) };

        Assert.Equal([2, 3], Rule("details_game_and_team_exist").GroupCheck!(new SilverTables([Game()], details), details).Select(f => f.Row));
    }

    [Theory]
    [InlineData(21900001, Lal, 2544L, null)]
    [InlineData(0, Lal, 2544L, "GAME_ID")]
    [InlineData(21900001, -3L, 2544L, "TEAM_ID")]
    [InlineData(21900001, Lal, 0L, "PLAYER_ID")]
    [InlineData(21900001, 0L, 0L, "TEAM_ID")]
    public void Detail_ids_positive_fails_on_the_first_id_of_0_or_below(int gameId, long team, long player, string? column)
    {
        var detail = Detail(gameId, player, team);

        Assert.Equal(column is null, Problem("detail_ids_positive", detail) is null);
        if (column is not null)
        {
            Assert.Equal(column, Rule("detail_ids_positive").ColumnOf!(detail));
        }
    }

    [Theory]
    [InlineData("fg_pct_in_range", 0.0, false)]
    [InlineData("fg_pct_in_range", 1.0, false)]
    [InlineData("fg_pct_in_range", 1.001, true)]
    [InlineData("fg_pct_in_range", -0.001, true)]
    [InlineData("fg3_pct_in_range", 1.0, false)]
    [InlineData("fg3_pct_in_range", 1.5, true)]
    [InlineData("ft_pct_in_range", 0.0, false)]
    [InlineData("ft_pct_in_range", -1.0, true)]
    [InlineData("minutes_in_range", 0.0, false)]
    [InlineData("minutes_in_range", 70.0, false)]
    [InlineData("minutes_in_range", 70.01, true)]
    [InlineData("points_in_range", 100.0, false)]
    [InlineData("points_in_range", 101.0, true)]
    [InlineData("points_in_range", -1.0, true)]
    public void A_range_rule_keeps_its_bounds_and_fails_beyond_them(string rule, double value, bool fails)
    {
        var detail = Detail();
        switch (rule)
        {
            case "fg_pct_in_range": detail.FgPct = value; break;
            case "fg3_pct_in_range": detail.Fg3Pct = value; break;
            case "ft_pct_in_range": detail.FtPct = value; break;
            case "minutes_in_range": detail.Minutes = value; break;
            case "points_in_range": detail.Pts = (int)value; break;
            default: throw new ArgumentOutOfRangeException(nameof(rule));
        }

        Assert.Equal(fails, Problem(rule, detail) is not null);
    }

    [Fact]
    public void A_range_rule_passes_an_empty_value_and_says_what_is_out_of_range()
    {
        Assert.Null(Problem("fg_pct_in_range", Detail()));
        Assert.Null(Problem("minutes_in_range", Detail(minutes: null)));
        var detail = Detail(player: 7, minutes: 75);
        Assert.Equal("game 21900001, player 7: min 75 is outside 0..70", Problem("minutes_in_range", detail));
    }

    [Theory]
    [InlineData(28, 10, 2, 6, false)] // 2*10 + 2 + 6
    [InlineData(30, 10, 2, 6, true)]
    [InlineData(30, null, 2, 6, false)] // only where all four are present
    [InlineData(null, 10, 2, 6, false)]
    public void Points_add_up_is_2_fgm_plus_fg3m_plus_ftm(int? pts, int? fgm, int? fg3m, int? ftm, bool fails)
    {
        var detail = Detail(pts: pts);
        (detail.Fgm, detail.Fg3m, detail.Ftm) = (fgm, fg3m, ftm);

        Assert.Equal(fails, Problem("points_add_up", detail) is not null);
    }
}
