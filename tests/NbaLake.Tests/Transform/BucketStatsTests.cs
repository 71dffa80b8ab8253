using NbaLake.Transform;
using NbaLake.Transform.Quality;

namespace NbaLake.Tests.Transform;

/// <summary>A bucket's stats plus those of its later games (an appended day) are what a build over both reports.</summary>
public class BucketStatsTests
{
    [Fact]
    public void Counts_add_up_rejects_merge_by_reason_and_a_rule_keeps_the_earlier_rows_example()
    {
        var earlier = new BucketStats(100, 90, 4, new Dictionary<string, long> { ["unknown_game"] = 3, ["bad_value"] = 3 },
            [new RuleCount("points_add_up", 90, 2, "game 1, player 7"), new RuleCount("teams_differ", 90, 0, null)], 0);
        var later = new BucketStats(30, 26, 1, new Dictionary<string, long> { ["bad_value"] = 2, ["bad_key"] = 1 },
            [new RuleCount("points_add_up", 26, 1, "game 9, player 3"), new RuleCount("teams_differ", 26, 1, "game 9: team 4"), new RuleCount("new_rule", 26, 0, null)], 0);

        var both = earlier.Plus(later);

        Assert.Equal((130L, 116L, 5L, 0L), (both.BronzeRows, both.Rows, both.Duplicates, both.Superseded));
        Assert.Equal([("bad_key", 1L), ("bad_value", 5L), ("unknown_game", 3L)], both.Rejects.Select(r => (r.Key, r.Value)));
        Assert.Equal(
            [new RuleCount("points_add_up", 116, 3, "game 1, player 7"), new RuleCount("teams_differ", 116, 1, "game 9: team 4"), new RuleCount("new_rule", 26, 0, null)],
            both.Rules);
    }
}
