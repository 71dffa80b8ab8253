using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>team_best_stretch</c>: per team with at least N games, the most wins in N consecutive games. A team's
/// games are its distinct games in (game_date, game_id) order, across season boundaries; a tie goes to the earliest
/// window. Upstream: silver <c>fct_game_details</c>. SQL twin: <c>sql/gold/team_best_stretch.sql</c>.
/// </summary>
public static class TeamBestStretch
{
    public static readonly TableId Table = TableId.Gold("team_best_stretch");

    /// <summary>The table's definition: grain, key, upstream and build step.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(TeamBestStretch), typeof(TeamBestStretchRow),
        "one row per team with at least N games", ["team_id"], [FctGameDetails.Table], CommitMode.Replace, typeof(PublishStage));

    /// <summary>
    /// Slides each team's window of its last N games over silver rows read in (game_date, game_id) order: a team
    /// keeps N games, never its history.
    /// </summary>
    public sealed class Fold(int stretchGames)
    {
        private readonly Dictionary<long, Window> teams = [];

        public void Add(ScanRow row)
        {
            var window = teams.TryGetValue(row.TeamId, out var w) ? w : teams[row.TeamId] = new Window(stretchGames);
            window.Add(row.GameId, row.GameDate, row.WonGame);
        }

        public List<TeamBestStretchRow> Rows(LatestNames names) =>
        [
            .. teams.Where(t => t.Value.Games >= stretchGames).OrderBy(t => t.Key).Select(t => new TeamBestStretchRow
            {
                TeamId = t.Key,
                TeamAbbreviation = names.TeamAbbreviations[t.Key],
                StretchGames = stretchGames,
                BestWins = t.Value.BestWins,
                StretchStartDate = t.Value.BestStart,
                StretchEndDate = t.Value.BestEnd,
            }),
        ];

        /// <summary>The last N games of one team (a ring), their wins, and the best window so far (the earliest on a tie).</summary>
        private sealed class Window(int n)
        {
            private readonly (DateOnly Date, bool Won)[] ring = new (DateOnly, bool)[n];
            private int lastGame = -1;
            private long wins;

            public long Games { get; private set; }
            public long BestWins { get; private set; }
            public DateOnly BestStart { get; private set; }
            public DateOnly BestEnd { get; private set; }

            public void Add(int gameId, DateOnly date, bool won)
            {
                if (gameId == lastGame && Games > 0)
                {
                    return; // another player's row of the same game
                }
                lastGame = gameId;
                var slot = (int)(Games % n);
                if (Games >= n)
                {
                    wins -= ring[slot].Won ? 1 : 0;
                }
                ring[slot] = (date, won);
                wins += won ? 1 : 0;
                Games++;
                if (Games == n || (Games > n && wins > BestWins))
                {
                    (BestWins, BestStart, BestEnd) = (wins, ring[(int)(Games % n)].Date, date);
                }
            }
        }
    }
}
