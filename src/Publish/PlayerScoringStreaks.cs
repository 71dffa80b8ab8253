using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>player_scoring_streaks</c>: per player with a game played, the longest run of consecutive games played
/// with pts &gt; T, in (game_date, game_id) order. Games not played neither extend nor break a streak; a tie goes to
/// the earliest streak. Upstream: silver <c>fct_game_details</c>. SQL twin: <c>sql/gold/player_scoring_streaks.sql</c>.
/// </summary>
public static class PlayerScoringStreaks
{
    public static readonly TableId Table = TableId.Gold("player_scoring_streaks");

    /// <summary>The table's definition: grain, key, upstream and build step.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(PlayerScoringStreaks), typeof(PlayerScoringStreaksRow),
        "one row per player with a game played", ["player_id"], [FctGameDetails.Table], CommitMode.Replace, typeof(PublishStage));

    /// <summary>
    /// One silver unit's summary of each player's games played, which is all a streak needs to cross unit boundaries
    /// exactly: how many, the run of passing games it starts with (pts &gt; T), the run it ends with, and the longest
    /// run strictly between them (the earliest of equal ones). Also the games of players named
    /// <paramref name="streakPlayer"/>, for the report's chart.
    /// </summary>
    public sealed class UnitPart(int threshold, string streakPlayer)
    {
        public Dictionary<long, Summary> Players { get; } = [];

        /// <summary>Games played (date, game, points) of players named as the q5 player, by player.</summary>
        public Dictionary<long, List<(DateOnly Date, int GameId, int Points)>> Named { get; } = [];

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

        public void Write(BinaryWriter w)
        {
            w.Write(Players.Count);
            foreach (var (player, s) in Players)
            {
                w.Write(player);
                s.Write(w);
            }
            w.Write(Named.Count);
            foreach (var (player, games) in Named)
            {
                w.Write(player);
                w.Write(games.Count);
                foreach (var (date, game, points) in games)
                {
                    w.Write(date.DayNumber);
                    w.Write(game);
                    w.Write(points);
                }
            }
        }

        public static UnitPart Read(BinaryReader r, int threshold, string streakPlayer)
        {
            var p = new UnitPart(threshold, streakPlayer);
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                p.Players[r.ReadInt64()] = Summary.Read(r);
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var games = p.Named[r.ReadInt64()] = new(r.ReadInt32());
                for (var g = games.Capacity; g > 0; g--)
                {
                    games.Add((DateOnly.FromDayNumber(r.ReadInt32()), r.ReadInt32(), r.ReadInt32()));
                }
            }
            return p;
        }
    }

    /// <summary>A player's games played in one unit, summarised for streaks.</summary>
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
                // A run that ends here is strictly inside the unit unless it is the leading one.
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

    /// <summary>
    /// Each player's longest streak over the units in order: a run carried from one unit joins the next unit's leading
    /// run; candidates are taken in the order they end, and only a longer one replaces the best (ties go to the earliest).
    /// </summary>
    public sealed class Fold(int threshold)
    {
        private readonly Dictionary<long, Streak> players = [];

        public void Add(UnitPart unit)
        {
            foreach (var (player, s) in unit.Players)
            {
                var streak = players.TryGetValue(player, out var x) ? x : players[player] = new Streak();
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

        public List<PlayerScoringStreaksRow> Rows(LatestNames names) =>
        [
            .. players.OrderBy(p => p.Key).Select(p => new PlayerScoringStreaksRow
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
}
