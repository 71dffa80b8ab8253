namespace NbaLake.Tests.Support;

/// <summary>
/// A generated data set dealt at random into drops, with one line in four damaged the ways real exports are: padded
/// fields, other number forms, broken and out-of-range values, bad keys, ids of 0 or below, unknown games, wrong teams,
/// a team playing itself, dates in 1900 and 2099, negative team points, and re-exports of lines in a later drop with
/// other values (duplicates that correct, or break, the first).
/// </summary>
public static class MessyDrops
{
    private static readonly string[] Pads = [" ", "\t", "\u00a0", "  ", "\u0085"];

    private static readonly string[] Counts = ["fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "dreb", "reb", "ast", "stl", "blk", "to", "pf"];

    private static readonly string[] Percentages = ["fg_pct", "fg3_pct", "ft_pct"];

    /// <summary>The drops in order, each a list of (file name, content); file names sort in drop order.</summary>
    public static List<List<(string Name, string Content)>> Deal(string generated, Random random, int count)
    {
        var games = File.ReadAllLines(Path.Combine(generated, "games.csv"));
        var details = File.ReadAllLines(Path.Combine(generated, "games_details.csv"));
        var gameDrops = Enumerable.Range(0, count).Select(_ => new List<string>()).ToList();
        var detailDrops = Enumerable.Range(0, count).Select(_ => new List<string>()).ToList();
        Scatter(games, gameDrops, random, MessGame);
        Scatter(details, detailDrops, random, MessDetail);
        return [.. Enumerable.Range(0, count).Select(d => new List<(string, string)>
        {
            ($"games_{d:D2}.csv", string.Join('\n', [games[0], .. gameDrops[d]]) + "\n"),
            ($"games_details_{d:D2}.csv", string.Join('\n', [details[0], .. detailDrops[d]]) + "\n"),
        })];
    }

    private static void Scatter(string[] lines, List<List<string>> drops, Random random, Action<Dictionary<string, int>, string[], Random> mess)
    {
        var header = lines[0].Split(',').Select((name, i) => (name.ToLowerInvariant(), i)).ToDictionary(c => c.Item1, c => c.i);
        foreach (var line in lines.Skip(1))
        {
            var drop = random.Next(drops.Count);
            var fields = line.Split(',');
            if (random.Next(4) == 0)
            {
                mess(header, fields, random);
            }
            drops[drop].Add(string.Join(',', fields));
            if (random.Next(10) == 0)
            {
                // A re-export in a later drop (or the same one, further down): a duplicate, sometimes messed.
                var again = line.Split(',');
                mess(header, again, random);
                drops[random.Next(drop, drops.Count)].Add(string.Join(',', again));
            }
        }
    }

    private static void MessGame(Dictionary<string, int> c, string[] f, Random random)
    {
        switch (random.Next(11))
        {
            case 0: Pad(f, random.Next(f.Length), random); break;
            case 1: f[c["home_team_wins"]] = Pick(random, "2", "yes", "1.0", " 0 "); break;
            case 2: f[c["game_id"]] = Pick(random, "", "abc", "99999999999", " ", "0", "-" + f[c["game_id"]]); break;
            case 3: f[c["game_date_est"]] = Pick(random, f[c["game_date_est"]] + " 00:00:00", "2019-13-01", "not-a-date", "", "2099-01-01", "1900-01-01"); break;
            case 4: f[c["pts_home"]] = Pick(random, "100", "-4", "1e2", "abc", ""); break;
            case 5: f[c["home_team_wins"]] = f[c["home_team_wins"]] == "1" ? "0" : "1"; break; // a correction
            case 6: f[c["visitor_team_id"]] = Pick(random, "", "x", "1610612999", "0"); break;
            case 7: f[c["visitor_team_id"]] = f[c["home_team_id"]]; break; // a team playing itself
            case 8: f[c[Pick(random, "pts_home", "pts_away")]] = Pick(random, "-1", "-90.0"); break;
            case 9: f[c["home_team_id"]] = Pick(random, "0", "-1610612747"); break;
            default: f[c["season"]] = Pick(random, "", "20x9", "2018"); break;
        }
    }

    private static void MessDetail(Dictionary<string, int> c, string[] f, Random random)
    {
        switch (random.Next(12))
        {
            case 0: Pad(f, random.Next(f.Length), random); break;
            case 1: f[c[Pick(random, Counts)]] = Pick(random, "3", "3.0", "-3", "abc", "2.5", ""); break;
            case 2: f[c[Pick(random, Percentages)]] = Pick(random, "NaN", "Infinity", "-Infinity", "1e-1", "1.5", "-0.1", ".5", "0,5"); break;
            case 3: f[c["min"]] = Pick(random, "35:60", "12:75", "27.000000:25", "35", "75:00", "-5:00", "12:5", "abc"); break;
            case 4: f[c["pts"]] = Pick(random, "130.0", "101", "-2.0", "12.5", ""); break;
            case 5: f[c["game_id"]] = Pick(random, "", "abc", "99999999999", "29999999"); break;
            case 6: f[c["player_id"]] = Pick(random, "", "x", "99999999999999999999", "0", "-2544"); break;
            case 7: f[c["team_id"]] = Pick(random, "1610612999", "", "y", "0"); break;
            case 8: f[c["plus_minus"]] = Pick(random, "-3", "+3", "3.0", "z"); break;
            case 9: f[c["comment"]] = "DNP - Coach's Decision"; f[c["min"]] = ""; f[c["pts"]] = ""; break;
            case 10: f[c["pts"]] = random.Next(40) + ".0"; break; // a correction
            default: f[c["player_name"]] = f[c["player_name"]] + " Jr."; break;
        }
    }

    private static void Pad(string[] fields, int i, Random random) => fields[i] = Pick(random, Pads) + fields[i] + Pick(random, Pads);

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];
}
