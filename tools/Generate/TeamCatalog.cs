namespace NbaLake.Generate;

/// <summary>A franchise as teams.csv lists it.</summary>
internal sealed record TeamInfo(long Id, string Abbreviation, string Nickname, string City, string Arena, int YearFounded);

/// <summary>The thirty franchises the generator draws teams from (public facts: ids, names, cities, arenas).</summary>
internal static class TeamCatalog
{
    /// <summary>The first <paramref name="count"/> teams; past the thirty real franchises, made-up expansion teams.</summary>
    public static IReadOnlyList<TeamInfo> Take(int count) =>
    [
        .. All.Take(count),
        .. Enumerable.Range(All.Count, Math.Max(0, count - All.Count)).Select(i =>
            new TeamInfo(1610612737L + i, FormattableString.Invariant($"X{i:D2}"), FormattableString.Invariant($"Expansion {i}"), "Springfield", "Arena", 2030)),
    ];

    public static IReadOnlyList<TeamInfo> All { get; } =
    [
        new(1610612737, "ATL", "Hawks", "Atlanta", "State Farm Arena", 1949),
        new(1610612738, "BOS", "Celtics", "Boston", "TD Garden", 1946),
        new(1610612751, "BKN", "Nets", "Brooklyn", "Barclays Center", 1976),
        new(1610612766, "CHA", "Hornets", "Charlotte", "Spectrum Center", 1988),
        new(1610612741, "CHI", "Bulls", "Chicago", "United Center", 1966),
        new(1610612739, "CLE", "Cavaliers", "Cleveland", "Rocket Mortgage FieldHouse", 1970),
        new(1610612742, "DAL", "Mavericks", "Dallas", "American Airlines Center", 1980),
        new(1610612743, "DEN", "Nuggets", "Denver", "Pepsi Center", 1976),
        new(1610612765, "DET", "Pistons", "Detroit", "Little Caesars Arena", 1948),
        new(1610612744, "GSW", "Warriors", "Golden State", "Chase Center", 1946),
        new(1610612745, "HOU", "Rockets", "Houston", "Toyota Center", 1967),
        new(1610612754, "IND", "Pacers", "Indiana", "Bankers Life Fieldhouse", 1976),
        new(1610612746, "LAC", "Clippers", "LA", "Staples Center", 1970),
        new(1610612747, "LAL", "Lakers", "Los Angeles", "Staples Center", 1948),
        new(1610612763, "MEM", "Grizzlies", "Memphis", "FedExForum", 1995),
        new(1610612748, "MIA", "Heat", "Miami", "AmericanAirlines Arena", 1988),
        new(1610612749, "MIL", "Bucks", "Milwaukee", "Fiserv Forum", 1968),
        new(1610612750, "MIN", "Timberwolves", "Minnesota", "Target Center", 1989),
        new(1610612740, "NOP", "Pelicans", "New Orleans", "Smoothie King Center", 2002),
        new(1610612752, "NYK", "Knicks", "New York", "Madison Square Garden", 1946),
        new(1610612760, "OKC", "Thunder", "Oklahoma City", "Chesapeake Energy Arena", 1967),
        new(1610612753, "ORL", "Magic", "Orlando", "Amway Center", 1989),
        new(1610612755, "PHI", "76ers", "Philadelphia", "Wells Fargo Center", 1949),
        new(1610612756, "PHX", "Suns", "Phoenix", "Talking Stick Resort Arena", 1968),
        new(1610612757, "POR", "Trail Blazers", "Portland", "Moda Center", 1970),
        new(1610612758, "SAC", "Kings", "Sacramento", "Golden 1 Center", 1948),
        new(1610612759, "SAS", "Spurs", "San Antonio", "AT&T Center", 1976),
        new(1610612761, "TOR", "Raptors", "Toronto", "Scotiabank Arena", 1995),
        new(1610612762, "UTA", "Jazz", "Utah", "Vivint Smart Home Arena", 1974),
        new(1610612764, "WAS", "Wizards", "Washington", "Capital One Arena", 1961),
    ];
}
