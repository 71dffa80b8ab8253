using NbaLake.Publish;
using static NbaLake.Tests.Support.ScanRows;

namespace NbaLake.Tests.Publish;

/// <summary>The order gold reads silver in: (game_date, game_id, player_id), whatever order the files hold.</summary>
public class SilverSeasonTests
{
    [Fact]
    public void Rows_come_in_date_then_game_then_player_order()
    {
        List<ScanRow> rows =
        [
            Row("2020-01-02", 21900002, player: 7),
            Row("2019-12-31", 41900001, player: 3_000_000_000), // a later id, an earlier day; a player id past int32
            Row("2020-01-02", 21900001, player: 9),
            Row("2020-01-02", 21900002, player: 2),
            Row("2019-12-31", 41900001, player: 1),
            Row("2019-12-31", 11900001, player: 5),
            Row("2020-01-02", -5, player: 4), // a negative id sorts before the positive ones of its day
            Row("1950-10-31", int.MaxValue, player: 1),
        ];

        SilverSeason.Sort(rows);

        Assert.Equal(
        [
            ("1950-10-31", int.MaxValue, 1L),
            ("2019-12-31", 11900001, 5L), ("2019-12-31", 41900001, 1L), ("2019-12-31", 41900001, 3_000_000_000L),
            ("2020-01-02", -5, 4L), ("2020-01-02", 21900001, 9L), ("2020-01-02", 21900002, 2L), ("2020-01-02", 21900002, 7L),
        ], rows.Select(r => (r.GameDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.GameId, r.PlayerId)));
    }

    [Fact]
    public void A_shuffled_season_comes_back_in_the_order_linq_gives()
    {
        var random = new Random(19);
        var rows = Enumerable.Range(0, 2_000)
            .Select(i => Row($"2019-{10 + i % 3}-{1 + i % 28:00}", 21900000 + random.Next(300), player: random.NextInt64(1, 5_000_000_000)))
            .DistinctBy(r => (r.GameId, r.PlayerId)).OrderBy(_ => random.Next()).ToList();
        var expected = rows.OrderBy(r => r.GameDate).ThenBy(r => r.GameId).ThenBy(r => r.PlayerId).ToList();

        SilverSeason.Sort(rows);

        Assert.Equal(expected, rows);
    }
}
