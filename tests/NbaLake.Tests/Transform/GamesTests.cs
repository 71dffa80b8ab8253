using NbaLake.Transform;
using NbaLake.Transform.Quality;
using NbaLake.Tests.Support;
using static NbaLake.Tests.Support.SilverRows;

namespace NbaLake.Tests.Transform;

/// <summary>The quality rules of silver games (<see cref="Games.Rules"/>), each on good and bad rows in memory.</summary>
public class GamesTests
{
    private static QualityRule<GameRow> Rule(string name) => Games.Rules.Single(r => r.Name == name);

    private static string? Problem(string rule, GameRow game) => Rule(rule).RowCheck!(game);

    [Fact]
    public void Games_key_unique_names_every_row_of_a_repeated_id()
    {
        var rule = Rule("games_key_unique");

        Assert.Empty(rule.GroupCheck!(new SilverTables([], []), [Game(21900001), Game(21900002)]));
        Assert.Equal([(0, "GAME_ID 21900001 appears 2 times"), (2, "GAME_ID 21900001 appears 2 times")],
            rule.GroupCheck!(new SilverTables([], []), [Game(21900001), Game(21900002), Game(21900001)]));
    }

    [Theory]
    [InlineData(21900001, Lal, Bos, null)]
    [InlineData(1, 1L, 2L, null)]
    [InlineData(0, Lal, Bos, "GAME_ID")]
    [InlineData(21900001, -1L, Bos, "HOME_TEAM_ID")]
    [InlineData(21900001, Lal, 0L, "VISITOR_TEAM_ID")]
    [InlineData(-5, 0L, 0L, "GAME_ID")] // the first such column is named
    public void Game_ids_positive_fails_on_the_first_id_of_0_or_below(int gameId, long home, long visitor, string? column)
    {
        var game = Game(gameId, home: home, visitor: visitor);

        Assert.Equal(column is null, Problem("game_ids_positive", game) is null);
        if (column is not null)
        {
            Assert.Equal(column, Rule("game_ids_positive").ColumnOf!(game));
        }
    }

    [Fact]
    public void Game_ids_positive_says_which_id_and_its_value()
    {
        Assert.Equal("game 21900001: visitor_team_id 0 is not above 0", Problem("game_ids_positive", Game(visitor: 0)));
    }

    [Fact]
    public void Teams_differ_fails_on_a_team_playing_itself()
    {
        Assert.Null(Problem("teams_differ", Game()));
        Assert.Equal($"game 21900001 (2019-10-22): team {Lal} is both the home and the visitor team", Problem("teams_differ", Game(visitor: Lal)));
    }

    [Theory]
    [InlineData("1946-11-01", BronzeRows.Batch1, false)] // the league's first game
    [InlineData("1946-10-31", BronzeRows.Batch1, true)]
    [InlineData("2020-11-01", BronzeRows.Batch1, false)] // a year after the ingest day, 2019-11-01
    [InlineData("2020-11-02", BronzeRows.Batch1, true)]
    [InlineData("2099-01-01", "not-a-run-id", false)] // a batch id without a date sets no upper bound
    public void Game_date_plausible_runs_from_the_first_game_to_a_year_after_the_ingest_day(string date, string batch, bool fails)
    {
        Assert.Equal(fails, Problem("game_date_plausible", Game(date: date, batch: batch)) is not null);
    }

    [Fact]
    public void Game_date_plausible_says_which_bound_was_crossed()
    {
        Assert.Equal("game 21900001: game_date 1946-10-31 is before the league's first game (1946-11-01)",
            Problem("game_date_plausible", Game(date: "1946-10-31")));
        Assert.Equal("game 21900001: game_date 2020-11-02 is more than a year after the row was ingested (2019-11-01)",
            Problem("game_date_plausible", Game(date: "2020-11-02")));
    }

    [Theory]
    [InlineData("2019-09-01", 2019, false)]
    [InlineData("2019-08-31", 2019, true)]
    [InlineData("2020-10-31", 2019, false)] // the bubble's finals
    [InlineData("2020-11-01", 2019, true)]
    [InlineData("2020-12-22", 2020, false)] // the December start of 2020-21
    [InlineData("2019-10-22", 99999, true)] // a season no date can be in
    [InlineData("2019-10-22", int.MaxValue, true)]
    [InlineData("2019-10-22", int.MinValue, true)]
    public void Season_matches_date_runs_from_september_1_to_october_31_of_the_next_year(string date, int season, bool fails)
    {
        Assert.Equal(fails, Problem("season_matches_date", Game(date: date, season: season)) is not null);
    }

    [Theory]
    [InlineData(100, 90, null)]
    [InlineData(0, 0, null)]
    [InlineData(null, null, null)]
    [InlineData(-1, 90, "PTS_home")]
    [InlineData(100, -1, "PTS_away")]
    public void Team_points_not_negative_names_the_negative_side(int? home, int? away, string? column)
    {
        var game = Game(ptsHome: home, ptsAway: away);

        Assert.Equal(column is null, Problem("team_points_not_negative", game) is null);
        if (column is not null)
        {
            Assert.Equal(column, Rule("team_points_not_negative").ColumnOf!(game));
        }
    }

    [Fact]
    public void Team_points_match_players_compares_each_side_with_its_players_points()
    {
        var rule = Rule("team_points_match_players");
        List<GameRow> games = [Game(21900001), Game(21900002)];
        GameDetailRow[] details =
        [
            Detail(21900001, 1, Lal, 60), Detail(21900001, 2, Lal, 40), Detail(21900001, 3, Lal, null), Detail(21900001, 4, Bos, 90),
            Detail(21900002, 1, Lal, 100), Detail(21900002, 4, Bos, 89), // game 2: the away side is 1 short
        ];

        Assert.Equal([(1, $"game 21900002 (2019-10-22): the away team {Bos} scored 90 but its players' points add up to 89")],
            rule.GroupCheck!(new SilverTables(games, details), games));
        Assert.False(rule.CanQuarantine);
    }

    [Fact]
    public void Team_points_match_players_leaves_a_team_without_box_scores_alone()
    {
        List<GameRow> games = [Game()];

        Assert.Empty(Rule("team_points_match_players").GroupCheck!(new SilverTables(games, [Detail(pts: 100)]), games));
    }
}
