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

    /// <summary>Each player's current run and longest streak, kept while silver rows come in (game_date, game_id) order.</summary>
    public sealed class Fold(int threshold)
    {
        private readonly Dictionary<long, Streak> players = [];

        public void Add(ScanRow row)
        {
            if (!row.DidPlay)
            {
                return;
            }
            var streak = players.TryGetValue(row.PlayerId, out var s) ? s : players[row.PlayerId] = new Streak();
            streak.Played++;
            if (row.Pts > threshold)
            {
                streak.Run++;
                if (streak.Run == 1)
                {
                    streak.RunStart = row.GameDate;
                }
                if (streak.Run > streak.Best)
                {
                    (streak.Best, streak.BestStart, streak.BestEnd) = (streak.Run, streak.RunStart, row.GameDate);
                }
            }
            else
            {
                streak.Run = 0;
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
        }
    }
}
