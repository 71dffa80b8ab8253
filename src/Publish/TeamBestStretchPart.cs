namespace NbaLake.Publish;

/// <summary>
/// A season's part of <c>team_best_stretch</c>: each team's games of the season in (game_date, game_id) order, one
/// entry per game, not per player row. Merging slides each team's window of its last N games over the later season's
/// games: the merged part keeps N games per team, never its history, and a window crosses seasons as the games do.
/// N (<c>Publish:StretchGames</c>) is applied only when merging, so a season's cached part does not depend on it.
/// </summary>
public sealed class TeamBestStretchPart(int stretchGames) : IGoldPart<TeamBestStretchPart, TeamBestStretchRow>
{
    private readonly Dictionary<long, Window> windows = [];

    /// <summary>Each team's games of the season, in order.</summary>
    public Dictionary<long, List<Game>> Teams { get; } = [];

    /// <inheritdoc/>
    public static TeamBestStretchPart Empty(PublishOptions options) => new(options.StretchGames);

    /// <inheritdoc/>
    public void Add(ScanRow row)
    {
        var games = Teams.TryGetValue(row.TeamId, out var g) ? g : Teams[row.TeamId] = [];
        if (games.Count == 0 || games[^1].GameId != row.GameId)
        {
            games.Add(new Game(row.GameDate, row.GameId, row.Season, row.WonGame));
        }
    }

    /// <inheritdoc/>
    public void Merge(TeamBestStretchPart later)
    {
        foreach (var (team, games) in later.Teams)
        {
            var window = windows.TryGetValue(team, out var w) ? w : windows[team] = new Window(stretchGames);
            foreach (var game in games)
            {
                window.Add(game.Date, game.Won);
            }
        }
    }

    /// <inheritdoc/>
    public List<TeamBestStretchRow> Rows(LatestNames names) =>
    [
        .. windows.Where(t => t.Value.Games >= stretchGames).OrderBy(t => t.Key).Select(t => new TeamBestStretchRow
        {
            TeamId = t.Key,
            TeamAbbreviation = names.TeamAbbreviations[t.Key],
            StretchGames = stretchGames,
            BestWins = t.Value.BestWins,
            StretchStartDate = t.Value.BestStart,
            StretchEndDate = t.Value.BestEnd,
        }),
    ];

    /// <inheritdoc/>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Teams.Count);
        foreach (var (team, games) in Teams)
        {
            writer.Write(team);
            writer.Write(games.Count);
            foreach (var game in games)
            {
                writer.Write(game.Date.DayNumber);
                writer.Write(game.GameId);
                writer.Write(game.Season);
                writer.Write(game.Won);
            }
        }
    }

    /// <inheritdoc/>
    public static TeamBestStretchPart Read(BinaryReader reader, PublishOptions options)
    {
        var p = Empty(options);
        for (var teams = reader.ReadInt32(); teams > 0; teams--)
        {
            var games = p.Teams[reader.ReadInt64()] = new List<Game>(reader.ReadInt32());
            for (var n = games.Capacity; n > 0; n--)
            {
                games.Add(new Game(DateOnly.FromDayNumber(reader.ReadInt32()), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean()));
            }
        }
        return p;
    }

    /// <summary>A team's game: when, in which season, and whether it won.</summary>
    public readonly record struct Game(DateOnly Date, int GameId, int Season, bool Won);

    /// <summary>
    /// The last N games of one team (a ring), their wins, and the best window so far (the earliest on a tie): the
    /// table's window, which the report's stretch chart reads too rather than computing its own.
    /// </summary>
    public sealed class Window(int n)
    {
        private readonly (DateOnly Date, bool Won)[] ring = new (DateOnly, bool)[n];

        /// <summary>Games taken so far.</summary>
        public long Games { get; private set; }

        /// <summary>Wins in the last N games (in all games taken, before the N-th).</summary>
        public long Wins { get; private set; }

        /// <summary>The most wins in N consecutive games so far.</summary>
        public long BestWins { get; private set; }

        /// <summary>The first day of the best window.</summary>
        public DateOnly BestStart { get; private set; }

        /// <summary>The last day of the best window.</summary>
        public DateOnly BestEnd { get; private set; }

        /// <summary>Takes the team's next game.</summary>
        public void Add(DateOnly date, bool won)
        {
            var slot = (int)(Games % n);
            if (Games >= n)
            {
                Wins -= ring[slot].Won ? 1 : 0;
            }
            ring[slot] = (date, won);
            Wins += won ? 1 : 0;
            Games++;
            if (Games == n || (Games > n && Wins > BestWins))
            {
                (BestWins, BestStart, BestEnd) = (Wins, ring[(int)(Games % n)].Date, date);
            }
        }
    }
}
