using System.Globalization;
using CsvHelper;

namespace NbaLake.Generate;

/// <summary>
/// Writes a synthetic data set in the Kaggle layout (games.csv, games_details.csv, teams.csv), deterministic for a
/// seed: 82-game regular seasons (a round-robin of rounds), preseason and playoff game ids, rosters that change
/// between and within seasons, DNP/DND/NWT rows with empty stats, every MIN format of the contract, names with
/// apostrophes, commas and non-ASCII letters, a few duplicate rows, and a player named LeBron James.
/// Box scores are consistent: pts = 2*fgm + fg3m + ftm, and a team's points are the sum of its players'.
/// </summary>
public static class DataSetGenerator
{
    private const int RosterSize = 13;
    private const int RegularSeasonGames = 82;

    /// <summary>Days from the last round of the regular season to the playoffs, and from the semifinals to the final.</summary>
    private const int PlayoffsAfterDays = 3, FinalAfterDays = 16;

    /// <summary>Games of a series at most (best of seven), two days apart.</summary>
    private const int MaxSeriesGames = 7;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] NotPlayed = ["DNP - Coach's Decision", "DND - Injury/Illness", "NWT - Not With Team", "DNP - Coach's Decision    "];
    private static readonly string[] Positions = ["F", "F", "C", "G", "G"];

    /// <summary>
    /// Writes the three files, streaming: the league is simulated twice from the same seed. The first pass only counts
    /// rows, which fixes the random draw of the duplicated rows; the second writes each row as it is played and keeps
    /// just the rows drawn for duplication. The files are the same as if every row had been held in memory.
    /// </summary>
    public static async Task<string> WriteAsync(string outDir, GeneratorOptions options, CancellationToken ct = default)
    {
        var counted = new World(options, static (_, _) => { }, static (_, _) => { });
        counted.Simulate();
        var (gameCopies, detailCopies) = counted.DrawDuplicates();

        Directory.CreateDirectory(outDir);
        var keptGames = new Dictionary<long, string[]>();
        var keptDetails = new Dictionary<long, string[]>();
        var gameSet = gameCopies.ToHashSet();
        var detailSet = detailCopies.ToHashSet();
        World world;
        await using (var games = CsvWriter.ToFile(Path.Combine(outDir, "games.csv"), CsvWriterOptions.Default with { NewLine = "\n" }))
        await using (var details = CsvWriter.ToFile(Path.Combine(outDir, "games_details.csv"), CsvWriterOptions.Default with { NewLine = "\n" }))
        {
            games.WriteRecord(GamesHeader);
            details.WriteRecord(DetailsHeader);
            world = new World(options,
                (index, row) => Emit(games, index, row, gameSet, keptGames),
                (index, row) => Emit(details, index, row, detailSet, keptDetails));
            world.Simulate();
            foreach (var index in gameCopies)
            {
                games.WriteRecord(keptGames[index]);
            }
            foreach (var index in detailCopies)
            {
                details.WriteRecord(keptDetails[index]);
            }
        }
        await WriteCsvAsync(Path.Combine(outDir, "teams.csv"), TeamsHeader, world.TeamRows(), ct);
        return string.Format(Inv, "Wrote {0} games, {1} box-score rows and {2} teams ({3} seasons from {4}, seed {5}) to {6}",
            world.GameCount + gameCopies.Count, world.DetailCount + detailCopies.Count, options.Teams, options.Seasons, options.FirstSeason, options.Seed,
            Path.GetFullPath(outDir));

        static void Emit(CsvWriter csv, long index, string[] row, HashSet<long> copied, Dictionary<long, string[]> kept)
        {
            csv.WriteRecord(row);
            if (copied.Contains(index))
            {
                kept[index] = row;
            }
        }
    }

    /// <summary>The last day a game of <paramref name="season"/> can be on: the seventh game of its final, in May of the next year.</summary>
    public static DateOnly LastDay(int season) =>
        Opening(season).AddDays(2 * RegularSeasonGames + PlayoffsAfterDays + FinalAfterDays + 2 * (MaxSeriesGames - 1));

    /// <summary>The regular season's first day; preseason games are in the two weeks before.</summary>
    private static DateOnly Opening(int season) => new(season, 10, 22);

    private static readonly string[] GamesHeader =
    [
        "GAME_DATE_EST", "GAME_ID", "GAME_STATUS_TEXT", "HOME_TEAM_ID", "VISITOR_TEAM_ID", "SEASON", "TEAM_ID_home", "PTS_home", "FG_PCT_home",
        "FT_PCT_home", "FG3_PCT_home", "AST_home", "REB_home", "TEAM_ID_away", "PTS_away", "FG_PCT_away", "FT_PCT_away", "FG3_PCT_away",
        "AST_away", "REB_away", "HOME_TEAM_WINS",
    ];

    private static readonly string[] DetailsHeader =
    [
        "GAME_ID", "TEAM_ID", "TEAM_ABBREVIATION", "TEAM_CITY", "PLAYER_ID", "PLAYER_NAME", "NICKNAME", "START_POSITION", "COMMENT", "MIN",
        "FGM", "FGA", "FG_PCT", "FG3M", "FG3A", "FG3_PCT", "FTM", "FTA", "FT_PCT", "OREB", "DREB", "REB", "AST", "STL", "BLK", "TO", "PF",
        "PTS", "PLUS_MINUS",
    ];

    private static readonly string[] TeamsHeader =
    [
        "LEAGUE_ID", "TEAM_ID", "MIN_YEAR", "MAX_YEAR", "ABBREVIATION", "NICKNAME", "YEARFOUNDED", "CITY", "ARENA", "ARENACAPACITY",
        "OWNER", "GENERALMANAGER", "HEADCOACH", "DLEAGUEAFFILIATION",
    ];

    private static async Task WriteCsvAsync(string path, string[] header, IEnumerable<string[]> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.ToFile(path, CsvWriterOptions.Default with { NewLine = "\n" });
        foreach (var row in rows.Prepend(header))
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }
            await csv.EndRecordAsync(ct);
        }
    }

    private sealed class Player(long id, string name, double scoring)
    {
        public long Id { get; } = id;
        public string Name { get; } = name;
        public double Scoring { get; } = scoring;
    }

    /// <summary>The simulated league: teams, rosters, and the rows written so far.</summary>
    private sealed class World(GeneratorOptions options, Action<long, string[]> onGame, Action<long, string[]> onDetail)
    {
        private readonly Random rng = new(options.Seed);
        private readonly List<TeamInfo> teams = [.. TeamCatalog.Take(options.Teams)];
        private Dictionary<long, TeamInfo>? teamsById;
        private readonly Dictionary<long, List<Player>> rosters = [];
        private readonly Dictionary<long, int> wins = [];
        private long nextPlayerId = 1_629_001;
        private int sequence;

        /// <summary>Game rows played so far (each handed to the game sink with its index).</summary>
        public long GameCount { get; private set; }

        /// <summary>Box-score rows played so far.</summary>
        public long DetailCount { get; private set; }

        public void Simulate()
        {
            foreach (var team in teams)
            {
                rosters[team.Id] = [];
            }
            rosters[teams[0].Id].Add(new Player(2544, "LeBron James", 26));
            FillRosters();
            for (var s = 0; s < options.Seasons; s++)
            {
                if (s > 0)
                {
                    Offseason(s);
                }
                PlaySeason(options.FirstSeason + s);
            }
        }

        public IEnumerable<string[]> TeamRows() => teams.Select(t => new[]
        {
            "00", Id(t.Id), Num(t.YearFounded), Num(options.FirstSeason + options.Seasons - 1), t.Abbreviation, t.Nickname, Num(t.YearFounded),
            t.City, t.Arena, Num(18000 + (int)(t.Id % 2000)), "", "", "", "",
        });

        private void PlaySeason(int season)
        {
            sequence = 0;
            foreach (var team in teams)
            {
                wins[team.Id] = 0;
            }
            var opening = Opening(season);
            var rotation = teams.Select(t => t.Id).ToList();
            for (var round = 0; round < 2; round++)
            {
                PlayRound(1, season, opening.AddDays(-14 + 3 * round), rotation, round, countWins: false);
            }
            sequence = 0;
            for (var round = 0; round < RegularSeasonGames; round++)
            {
                if (round == RegularSeasonGames / 2)
                {
                    MidSeasonTrade();
                }
                PlayRound(2, season, opening.AddDays(2 * round), rotation, round, countWins: true);
                rotation.Insert(1, rotation[^1]);
                rotation.RemoveAt(rotation.Count - 1);
            }
            PlayPlayoffs(season, opening.AddDays(2 * RegularSeasonGames + PlayoffsAfterDays));
        }

        /// <summary>One round of the circle method: every team plays once.</summary>
        private void PlayRound(int type, int season, DateOnly date, List<long> rotation, int round, bool countWins)
        {
            var n = rotation.Count;
            for (var i = 0; i < n / 2; i++)
            {
                var (a, b) = (rotation[i], rotation[n - 1 - i]);
                var (home, away) = (round + i) % 2 == 0 ? (a, b) : (b, a);
                var homeWon = PlayGame(type, season, date, home, away);
                if (countWins)
                {
                    wins[homeWon ? home : away]++;
                }
            }
        }

        private void PlayPlayoffs(int season, DateOnly start)
        {
            var seeds = teams.Select(t => t.Id).OrderByDescending(id => wins[id]).ThenBy(id => id).Take(4).ToList();
            sequence = 0;
            var semi1 = Series(season, start, seeds[0], seeds[3]);
            var semi2 = Series(season, start, seeds[1], seeds[2]);
            Series(season, start.AddDays(FinalAfterDays), semi1, semi2);
        }

        /// <summary>A best-of-seven series; returns the winner.</summary>
        private long Series(int season, DateOnly start, long high, long low)
        {
            int highWins = 0, lowWins = 0;
            for (var g = 0; highWins <= MaxSeriesGames / 2 && lowWins <= MaxSeriesGames / 2; g++)
            {
                var highHome = g is 0 or 1 or 4 or 6;
                var homeWon = PlayGame(4, season, start.AddDays(2 * g), highHome ? high : low, highHome ? low : high);
                if (homeWon == highHome)
                {
                    highWins++;
                }
                else
                {
                    lowWins++;
                }
            }
            return highWins > lowWins ? high : low;
        }

        /// <summary>Writes one game and its box scores; returns whether the home team won.</summary>
        private bool PlayGame(int type, int season, DateOnly date, long home, long away)
        {
            var gameId = type * 10_000_000 + season % 100 * 100_000 + ++sequence;
            var homeRows = BoxScore(gameId, home);
            var awayRows = BoxScore(gameId, away);
            var (homePts, awayPts) = (homeRows.Sum(r => r.Pts), awayRows.Sum(r => r.Pts));
            if (homePts == awayPts)
            {
                var scorer = homeRows.First(r => r.Played);
                scorer.Pts++;
                scorer.Ftm++;
                scorer.Fta++;
                homePts++;
            }
            var homeWon = homePts > awayPts;
            foreach (var row in homeRows.Concat(awayRows))
            {
                row.PlusMinus = row.Played ? (row.TeamId == home ? homePts - awayPts : awayPts - homePts) / 2 + rng.Next(-6, 7) : 0;
                onDetail(DetailCount++, row.Fields(this));
            }
            onGame(GameCount++,
            [
                date.ToString("yyyy-MM-dd", Inv), Num(gameId), "Final", Id(home), Id(away), Num(season),
                .. TeamTotals(home, homePts, homeRows), .. TeamTotals(away, awayPts, awayRows), homeWon ? "1" : "0",
            ]);
            return homeWon;
        }

        private string[] TeamTotals(long team, int pts, List<BoxRow> rows)
        {
            var played = rows.Where(r => r.Played).ToList();
            // Kaggle writes team points as "96.0" in most rows and "104" in some.
            var points = rng.Next(10) < 8 ? Num(pts) + ".0" : Num(pts);
            return
            [
                Id(team), points, Pct(played.Sum(r => r.Fgm), played.Sum(r => r.Fga)), Pct(played.Sum(r => r.Ftm), played.Sum(r => r.Fta)),
                Pct(played.Sum(r => r.Fg3m), played.Sum(r => r.Fg3a)), Num(played.Sum(r => r.Ast)) + ".0", Num(played.Sum(r => r.Reb)) + ".0",
            ];
        }

        private List<BoxRow> BoxScore(int gameId, long teamId)
        {
            teamsById ??= teams.ToDictionary(t => t.Id);
            var team = teamsById[teamId];
            var roster = rosters[teamId];
            var inactive = rng.Next(3);
            var rows = new List<BoxRow>(roster.Count);
            var secondsLeft = 240 * 60;
            var playing = roster.Count - inactive;
            for (var i = 0; i < roster.Count; i++)
            {
                var player = roster[i];
                var row = new BoxRow(gameId, team, player) { Played = i < playing };
                if (!row.Played)
                {
                    row.Comment = NotPlayed[rng.Next(NotPlayed.Length)];
                    rows.Add(row);
                    continue;
                }
                row.Position = i < Positions.Length ? Positions[i] : "";
                var share = i == playing - 1 ? secondsLeft : Math.Min(secondsLeft, (int)(secondsLeft / (double)(playing - i) * (0.7 + rng.NextDouble() * 0.6)));
                secondsLeft -= share;
                row.Seconds = share;
                row.Score(rng, player.Scoring * share / (32 * 60.0));
                rows.Add(row);
            }
            return rows;
        }

        private void FillRosters()
        {
            foreach (var team in teams)
            {
                while (rosters[team.Id].Count < RosterSize)
                {
                    rosters[team.Id].Add(NewPlayer());
                }
            }
        }

        private Player NewPlayer()
        {
            var name = PlayerNames.First[rng.Next(PlayerNames.First.Length)] + " " + PlayerNames.Last[rng.Next(PlayerNames.Last.Length)]
                + PlayerNames.Suffix[rng.Next(PlayerNames.Suffix.Length)];
            return new Player(nextPlayerId++, name, 4 + rng.NextDouble() * 20);
        }

        /// <summary>Between seasons: two players per team retire, LeBron changes teams, free agents move.</summary>
        private void Offseason(int season)
        {
            foreach (var roster in rosters.Values)
            {
                roster.RemoveAll(p => p.Id != 2544 && rng.Next(RosterSize) < 2);
            }
            var lebron = rosters.Values.SelectMany(r => r).First(p => p.Id == 2544);
            foreach (var roster in rosters.Values)
            {
                roster.Remove(lebron);
            }
            rosters[teams[season % teams.Count].Id].Insert(0, lebron);
            for (var i = 0; i < teams.Count; i++)
            {
                MovePlayer(teams[rng.Next(teams.Count)].Id, teams[rng.Next(teams.Count)].Id);
            }
            foreach (var roster in rosters.Values)
            {
                while (roster.Count > RosterSize)
                {
                    roster.RemoveAt(roster.Count - 1);
                }
            }
            FillRosters();
        }

        /// <summary>A trade in mid-season: two teams swap a bench player.</summary>
        private void MidSeasonTrade()
        {
            var a = teams[rng.Next(teams.Count)].Id;
            var b = teams[(teams.FindIndex(t => t.Id == a) + 1 + rng.Next(teams.Count - 1)) % teams.Count].Id;
            var (ra, rb) = (rosters[a], rosters[b]);
            var (ia, ib) = (5 + rng.Next(RosterSize - 5), 5 + rng.Next(RosterSize - 5));
            (ra[ia], rb[ib]) = (rb[ib], ra[ia]);
        }

        private void MovePlayer(long from, long to)
        {
            var candidates = rosters[from].Where(p => p.Id != 2544).ToList();
            if (from == to || candidates.Count == 0)
            {
                return;
            }
            var player = candidates[rng.Next(candidates.Count)];
            rosters[from].Remove(player);
            rosters[to].Add(player);
        }

        /// <summary>
        /// Re-exports repeat rows: a few exact copies of earlier lines, appended at the end. Draws which rows, by their
        /// index (a copy of a copy is a copy of its original), exactly as appending them one by one would.
        /// </summary>
        public (List<long> Games, List<long> Details) DrawDuplicates()
        {
            var games = new List<long>();
            for (var i = 0; i < 3; i++)
            {
                games.Add(Original(rng.Next((int)GameCount + i), GameCount, games));
            }
            var details = new List<long>();
            for (var i = 0; i < Math.Max(5, (DetailCount + i) / 2000); i++)
            {
                details.Add(Original(rng.Next((int)DetailCount + i), DetailCount, details));
            }
            return (games, details);

            static long Original(long index, long count, List<long> copies) => index < count ? index : copies[(int)(index - count)];
        }

        /// <summary>MIN as the contract lists it: mostly m:ss, sometimes m.ffffff:ss or whole minutes.</summary>
        public string Minutes(int seconds) => rng.Next(20) switch
        {
            0 => Num(seconds / 60),
            1 or 2 => string.Format(Inv, "{0}.000000:{1:D2}", seconds / 60, seconds % 60),
            _ => string.Format(Inv, "{0}:{1:D2}", seconds / 60, seconds % 60),
        };

        public Random Rng => rng;
    }

    /// <summary>One player's line in one game.</summary>
    private sealed class BoxRow(int gameId, TeamInfo team, Player player)
    {
        public long TeamId => team.Id;
        public bool Played { get; init; }
        public string Comment { get; set; } = "";
        public string Position { get; set; } = "";
        public int Seconds { get; set; }
        public int Fgm, Fga, Fg3m, Fg3a, Ftm, Fta, Oreb, Dreb, Ast, Stl, Blk, To, Pf, Pts, PlusMinus;
        public int Reb => Oreb + Dreb;

        /// <summary>Draws a consistent stat line: pts = 2*fgm + fg3m + ftm.</summary>
        public void Score(Random rng, double expected)
        {
            var target = Math.Max(0, (int)Math.Round(expected + (rng.NextDouble() - 0.5) * expected * 0.9));
            Fg3m = rng.Next(target / 6 + 1);
            var rest = target - 3 * Fg3m;
            Ftm = Math.Min(rest, rest % 2 + 2 * rng.Next(Math.Min(rest / 2, 4) + 1));
            var fg2m = (rest - Ftm) / 2;
            Fgm = fg2m + Fg3m;
            Fga = Fgm + rng.Next(Fgm + 4);
            Fg3a = Fg3m + rng.Next(5);
            Fga = Math.Max(Fga, Fg3a + fg2m);
            Fta = Ftm + rng.Next(3);
            Pts = 2 * Fgm + Fg3m + Ftm;
            Oreb = rng.Next(4);
            Dreb = rng.Next(9);
            Ast = rng.Next(8);
            Stl = rng.Next(3);
            Blk = rng.Next(3);
            To = rng.Next(5);
            Pf = rng.Next(6);
        }

        public string[] Fields(World world)
        {
            string[] head = [Num(gameId), Id(team.Id), team.Abbreviation, team.City, Id(player.Id), player.Name, "", Position, Comment];
            if (!Played)
            {
                return [.. head, .. Enumerable.Repeat("", 20)];
            }
            return
            [
                .. head, world.Minutes(Seconds), F(Fgm), F(Fga), Pct(Fgm, Fga), F(Fg3m), F(Fg3a), Pct(Fg3m, Fg3a), F(Ftm), F(Fta), Pct(Ftm, Fta),
                F(Oreb), F(Dreb), F(Reb), F(Ast), F(Stl), F(Blk), F(To), F(Pf), F(Pts), F(PlusMinus),
            ];
        }

        /// <summary>Kaggle writes counting stats as "21.0".</summary>
        private static string F(int value) => Num(value) + ".0";
    }

    private static string Num(int value) => value.ToString(Inv);

    private static string Id(long value) => value.ToString(Inv);

    private static string Pct(int made, int attempted) => attempted == 0 ? "0.0" : Math.Round(made / (double)attempted, 3).ToString("0.0##", Inv);
}
