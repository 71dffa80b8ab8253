using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>player_scoring_streaks</c>: per player with a game played, the longest run of consecutive games played
/// with pts &gt; T, in (game_date, game_id) order. Games not played neither extend nor break a streak; a tie goes to
/// the earliest streak. Upstream: silver <c>fct_game_details</c>. SQL twin: <c>sql/gold/player_scoring_streaks.sql</c>.
/// </summary>
public static class PlayerScoringStreaks
{
    public static readonly TableId Table = TableId.Gold("player_scoring_streaks");

    /// <summary>The catalog entry: grain, key and upstream.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(PlayerScoringStreaks), typeof(PlayerScoringStreaksRow),
        "one row per player with a game played", ["player_id"], ["silver.fct_game_details"]);

    public static List<PlayerScoringStreaksRow> Build(GoldInput input, int threshold)
    {
        var rows = new List<PlayerScoringStreaksRow>();
        foreach (var player in input.Rows.Where(r => r.DidPlay).GroupBy(r => r.PlayerId).OrderBy(g => g.Key))
        {
            var games = player.OrderBy(r => r.GameDate).ThenBy(r => r.GameId).ToList();
            int best = 0, bestEnd = -1, run = 0;
            for (var i = 0; i < games.Count; i++)
            {
                run = games[i].Pts > threshold ? run + 1 : 0;
                if (run > best)
                {
                    (best, bestEnd) = (run, i);
                }
            }
            rows.Add(new PlayerScoringStreaksRow
            {
                PlayerId = player.Key,
                PlayerName = input.PlayerNames[player.Key],
                Threshold = threshold,
                LongestStreak = best,
                StreakStartDate = best > 0 ? games[bestEnd - best + 1].GameDate : null,
                StreakEndDate = best > 0 ? games[bestEnd].GameDate : null,
                GamesPlayed = games.Count,
            });
        }
        return rows;
    }
}
