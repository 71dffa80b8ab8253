namespace NbaLake.Publish;

/// <summary>
/// A season's part of <c>player_scoring_streaks</c>: each player's games played summarised (<see cref="Summary"/>),
/// which is all a streak needs to cross seasons exactly; and the games of players named as the q5 player
/// (<c>Publish:StreakPlayer</c>), for the report's chart. Merging carries each player's current run from one season
/// into the next season's leading run; candidates are taken in the order they end, and only a longer one replaces the
/// best (ties go to the earliest).
/// </summary>
public sealed class PlayerScoringStreaksPart(int threshold, string streakPlayer) : IGoldPart<PlayerScoringStreaksPart, PlayerScoringStreaksRow>
{
    private readonly Dictionary<long, Streak> streaks = [];

    /// <summary>Each player's games played in the season, summarised.</summary>
    public Dictionary<long, Summary> Players { get; } = [];

    /// <summary>Games played (date, game, points) of players named as the q5 player, by player.</summary>
    public Dictionary<long, List<(DateOnly Date, int GameId, int Points)>> Named { get; } = [];

    /// <inheritdoc/>
    public static PlayerScoringStreaksPart Empty(PublishOptions options) => new(options.StreakThreshold, options.StreakPlayer);

    /// <inheritdoc/>
    public void Add(ScanRow row)
    {
        if (!row.DidPlay)
        {
            return;
        }
        var s = Players.TryGetValue(row.PlayerId, out var x) ? x : Players[row.PlayerId] = new Summary { FirstDate = row.GameDate };
        s.Add(row.GameDate, row.Pts > threshold);
        if (string.Equals(row.PlayerName, streakPlayer.Trim(), StringComparison.OrdinalIgnoreCase) || Named.ContainsKey(row.PlayerId))
        {
            (Named.TryGetValue(row.PlayerId, out var g) ? g : Named[row.PlayerId] = []).Add((row.GameDate, row.GameId, row.Pts ?? 0));
        }
    }

    /// <inheritdoc/>
    public void Merge(PlayerScoringStreaksPart later)
    {
        foreach (var (player, s) in later.Players)
        {
            var streak = streaks.TryGetValue(player, out var x) ? x : streaks[player] = new Streak();
            streak.Played += s.Played;
            if (s.AllPassed)
            {
                streak.Extend(s.Played, s.FirstDate, s.LastDate);
                continue;
            }
            if (s.Leading > 0)
            {
                streak.Extend(s.Leading, s.FirstDate, s.LeadingEnd);
            }
            streak.Consider(s.Inner, s.InnerStart, s.InnerEnd);
            (streak.Run, streak.RunStart) = (s.Trailing, s.TrailingStart);
            streak.Consider(s.Trailing, s.TrailingStart, s.LastDate);
        }
    }

    /// <inheritdoc/>
    public List<PlayerScoringStreaksRow> Rows(LatestNames names) =>
    [
        .. streaks.OrderBy(p => p.Key).Select(p => new PlayerScoringStreaksRow
        {
            PlayerId = p.Key,
            PlayerName = names.PlayerNames[p.Key],
            Threshold = threshold,
            LongestStreak = p.Value.Best,
            StreakStartDate = p.Value.Best > 0 ? p.Value.BestStart : null,
            StreakEndDate = p.Value.Best > 0 ? p.Value.BestEnd : null,
            GamesPlayed = p.Value.Played,
        }),
    ];

    /// <inheritdoc/>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Players.Count);
        foreach (var (player, s) in Players)
        {
            writer.Write(player);
            s.Write(writer);
        }
        writer.Write(Named.Count);
        foreach (var (player, games) in Named)
        {
            writer.Write(player);
            writer.Write(games.Count);
            foreach (var (date, game, points) in games)
            {
                writer.Write(date.DayNumber);
                writer.Write(game);
                writer.Write(points);
            }
        }
    }

    /// <inheritdoc/>
    public static PlayerScoringStreaksPart Read(BinaryReader reader, PublishOptions options)
    {
        var p = Empty(options);
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            p.Players[reader.ReadInt64()] = Summary.Read(reader);
        }
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            var games = p.Named[reader.ReadInt64()] = new(reader.ReadInt32());
            for (var g = games.Capacity; g > 0; g--)
            {
                games.Add((DateOnly.FromDayNumber(reader.ReadInt32()), reader.ReadInt32(), reader.ReadInt32()));
            }
        }
        return p;
    }

    /// <summary>A player's games played in one season, summarised for streaks: how many, the run of passing games it starts with, the run it ends with, and the longest run strictly between them.</summary>
    public sealed class Summary
    {
        private bool failed;
        private int run;
        private DateOnly runStart;

        public int Played { get; private set; }
        public int Leading { get; private set; }
        public DateOnly LeadingEnd { get; private set; }
        public int Trailing => failed ? run : 0;
        public DateOnly TrailingStart => runStart;
        public bool AllPassed => !failed;
        public int Inner { get; private set; }
        public DateOnly InnerStart { get; private set; }
        public DateOnly InnerEnd { get; private set; }
        public DateOnly FirstDate { get; init; }
        public DateOnly LastDate { get; private set; }

        public void Add(DateOnly date, bool passed)
        {
            Played++;
            if (passed)
            {
                run++;
                if (run == 1)
                {
                    runStart = date;
                }
                if (!failed)
                {
                    (Leading, LeadingEnd) = (run, date);
                }
            }
            else
            {
                // A run that ends here is strictly inside the season unless it is the leading one.
                if (failed && run > Inner)
                {
                    (Inner, InnerStart, InnerEnd) = (run, runStart, LastDate);
                }
                failed = true;
                run = 0;
            }
            LastDate = date;
        }

        internal void Write(BinaryWriter w)
        {
            w.Write(failed);
            w.Write(run);
            w.Write(runStart.DayNumber);
            w.Write(Played);
            w.Write(Leading);
            w.Write(LeadingEnd.DayNumber);
            w.Write(Inner);
            w.Write(InnerStart.DayNumber);
            w.Write(InnerEnd.DayNumber);
            w.Write(FirstDate.DayNumber);
            w.Write(LastDate.DayNumber);
        }

        internal static Summary Read(BinaryReader r)
        {
            var (failed, run, runStart) = (r.ReadBoolean(), r.ReadInt32(), DateOnly.FromDayNumber(r.ReadInt32()));
            var s = new Summary
            {
                Played = r.ReadInt32(), Leading = r.ReadInt32(), LeadingEnd = DateOnly.FromDayNumber(r.ReadInt32()), Inner = r.ReadInt32(),
                InnerStart = DateOnly.FromDayNumber(r.ReadInt32()), InnerEnd = DateOnly.FromDayNumber(r.ReadInt32()),
                FirstDate = DateOnly.FromDayNumber(r.ReadInt32()), LastDate = DateOnly.FromDayNumber(r.ReadInt32()),
            };
            (s.failed, s.run, s.runStart) = (failed, run, runStart);
            return s;
        }
    }

    /// <summary>A player's streaks over the seasons merged so far: games played, the current run, the best one.</summary>
    private sealed class Streak
    {
        public int Played;
        public int Run;
        public DateOnly RunStart;
        public int Best;
        public DateOnly BestStart;
        public DateOnly BestEnd;

        /// <summary>The current run goes on for <paramref name="games"/> more games, the last on <paramref name="end"/>.</summary>
        public void Extend(int games, DateOnly first, DateOnly end)
        {
            if (Run == 0)
            {
                RunStart = first;
            }
            Run += games;
            Consider(Run, RunStart, end);
        }

        public void Consider(int length, DateOnly start, DateOnly end)
        {
            if (length > Best)
            {
                (Best, BestStart, BestEnd) = (length, start, end);
            }
        }
    }
}
