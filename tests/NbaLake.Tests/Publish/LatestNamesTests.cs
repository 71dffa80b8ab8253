using NbaLake.Publish;
using NbaLake.Tests.Support;
using static NbaLake.Tests.Support.ScanRows;

namespace NbaLake.Tests.Publish;

/// <summary>The names gold shows (<see cref="LatestNames"/>, in SilverScan.cs): those of the latest game, in the order silver is handed over.</summary>
public class LatestNamesTests
{
    [Fact]
    public void The_latest_game_by_date_then_game_id_names_the_player_and_the_team()
    {
        // Landed out of order: on the latest date, game 21900005 comes after 21900003.
        var names = Names([InOrder(
        [
            Row("2019-10-24", 21900005, team: 10, player: 1, name: "Latest", abbreviation: "NOP"),
            Row("2019-10-24", 21900003, team: 10, player: 1, name: "Same day, lower id", abbreviation: "NOK"),
            Row("2019-10-22", 21900009, team: 10, player: 1, name: "Earlier day, higher id", abbreviation: "NOH"),
        ])]);

        Assert.Equal(("Latest", "NOP"), (names.PlayerNames[1], names.TeamAbbreviations[10]));
    }

    [Fact]
    public void Within_one_game_the_row_of_the_highest_player_id_names_the_team()
    {
        var names = Names([InOrder([Row("2019-10-22", 21900001, team: 10, player: 5, abbreviation: "LAL"), Row("2019-10-22", 21900001, team: 10, player: 2, abbreviation: "LAK")])]);

        Assert.Equal("LAL", names.TeamAbbreviations[10]);
    }

    [Fact]
    public void A_later_units_names_replace_the_earlier_ones_and_the_others_stay()
    {
        var names = Names(
        [
            [Row("2019-03-31", 21801000, team: 10, player: 1, name: "Ron Artest", abbreviation: "SEA"), Row("2019-03-31", 21801000, team: 10, player: 2, name: "Two")],
            [Row("2019-10-22", 21900001, team: 10, player: 1, name: "Metta World Peace", abbreviation: "OKC")],
        ]);

        Assert.Equal(
            [(1L, "Metta World Peace"), (2L, "Two")],
            names.PlayerNames.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
        Assert.Equal("OKC", names.TeamAbbreviations[10]);
    }

    [Fact]
    public void Names_read_back_from_the_cache_are_the_names_written_nulls_included()
    {
        var names = Names([[Row("2019-10-22", 21900001, team: 10, player: 1, name: "Zoë"), Row("2019-10-22", 21900001, team: 10, player: 2) with { PlayerName = null }]]);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            names.Write(writer);
        }
        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        var read = LatestNames.Read(reader);

        Assert.Equal(names.PlayerNames.OrderBy(p => p.Key), read.PlayerNames.OrderBy(p => p.Key));
        Assert.Equal(names.TeamAbbreviations, read.TeamAbbreviations);
    }
}
