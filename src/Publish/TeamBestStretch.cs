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

    /// <summary>A team's game: when, in which season, and whether it won.</summary>
    public readonly record struct Game(DateOnly Date, int GameId, int Season, bool Won);

    /// <summary>One silver unit's games of each team, in (game_date, game_id) order: one entry per game, not per player row.</summary>
    public sealed class UnitPart
    {
        public Dictionary<long, List<Game>> Teams { get; } = [];

        public void Add(ScanRow row)
        {
            var games = Teams.TryGetValue(row.TeamId, out var g) ? g : Teams[row.TeamId] = [];
            if (games.Count == 0 || games[^1].GameId != row.GameId)
            {
                games.Add(new Game(row.GameDate, row.GameId, row.Season, row.WonGame));
            }
        }

        public void Write(BinaryWriter w)
        {
            w.Write(Teams.Count);
            foreach (var (team, games) in Teams)
            {
                w.Write(team);
                w.Write(games.Count);
                foreach (var game in games)
                {
                    w.Write(game.Date.DayNumber);
                    w.Write(game.GameId);
                    w.Write(game.Season);
                    w.Write(game.Won);
                }
            }
        }

        public static UnitPart Read(BinaryReader r)
        {
            var p = new UnitPart();
            for (var teams = r.ReadInt32(); teams > 0; teams--)
            {
                var games = p.Teams[r.ReadInt64()] = new List<Game>(r.ReadInt32());
                for (var n = games.Capacity; n > 0; n--)
                {
                    games.Add(new Game(DateOnly.FromDayNumber(r.ReadInt32()), r.ReadInt32(), r.ReadInt32(), r.ReadBoolean()));
                }
            }
            return p;
        }
    }

    /// <summary>
    /// Slides each team's window of its last N games over the units' games in order: a team keeps N games, never its
    /// history, and a window crosses unit (season) boundaries as the games do.
    /// </summary>
    public sealed class Fold(int stretchGames)
    {
        private readonly Dictionary<long, Window> teams = [];

        public void Add(UnitPart unit)
        {
            foreach (var (team, games) in unit.Teams)
            {
                var window = teams.TryGetValue(team, out var w) ? w : teams[team] = new Window(stretchGames);
                foreach (var game in games)
                {
                    window.Add(game.Date, game.Won);
                }
            }
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
            private long wins;

            public long Games { get; private set; }
            public long BestWins { get; private set; }
            public DateOnly BestStart { get; private set; }
            public DateOnly BestEnd { get; private set; }

            public void Add(DateOnly date, bool won)
            {
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
