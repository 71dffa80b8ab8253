namespace NbaLake.Publish;

/// <summary>
/// A season's part of <c>agg_game_details</c>: the sums of the three grouping sets (a team's distinct games counted on
/// a game's first row: rows come in game order). Parts merge by adding up: a game is in one season, so distinct games
/// add up too.
/// </summary>
public sealed class AggGameDetailsPart : IGoldPart<AggGameDetailsPart, AggGameDetailsRow>
{
    private readonly Dictionary<long, int> teamLastGame = [];

    internal Dictionary<(long Player, long Team), Totals> PlayerTeam { get; } = [];
    internal Dictionary<(long Player, int Season), Totals> PlayerSeason { get; } = [];
    internal Dictionary<long, Totals> Teams { get; } = [];

    /// <inheritdoc/>
    public static AggGameDetailsPart Empty(PublishOptions options) => new();

    /// <inheritdoc/>
    public void Add(ScanRow row)
    {
        Count(PlayerTeam, (row.PlayerId, row.TeamId), row);
        Count(PlayerSeason, (row.PlayerId, row.Season), row);
        var team = Teams.TryGetValue(row.TeamId, out var t) ? t : Teams[row.TeamId] = new Totals();
        if (!teamLastGame.TryGetValue(row.TeamId, out var last) || last != row.GameId)
        {
            teamLastGame[row.TeamId] = row.GameId;
            team.Played++;
            team.Won += row.WonGame ? 1 : 0;
        }
        team.Points += row.Pts ?? 0;
    }

    /// <inheritdoc/>
    public void Merge(AggGameDetailsPart later)
    {
        Merge(PlayerTeam, later.PlayerTeam);
        Merge(PlayerSeason, later.PlayerSeason);
        Merge(Teams, later.Teams);
    }

    /// <inheritdoc/>
    public List<AggGameDetailsRow> Rows(LatestNames names) =>
    [
        .. PlayerTeam.OrderBy(g => g.Key.Player).ThenBy(g => g.Key.Team)
            .Select(g => Row(AggGameDetails.PlayerTeam, g.Value, names, g.Key.Player, team: g.Key.Team)),
        .. PlayerSeason.OrderBy(g => g.Key.Player).ThenBy(g => g.Key.Season)
            .Select(g => Row(AggGameDetails.PlayerSeason, g.Value, names, g.Key.Player, season: g.Key.Season)),
        .. Teams.OrderBy(g => g.Key).Select(g => Row(AggGameDetails.Team, g.Value, names, team: g.Key)),
    ];

    /// <inheritdoc/>
    public void Write(BinaryWriter writer)
    {
        writer.Write(PlayerTeam.Count);
        foreach (var ((player, team), t) in PlayerTeam)
        {
            writer.Write(player);
            writer.Write(team);
            t.Write(writer);
        }
        writer.Write(PlayerSeason.Count);
        foreach (var ((player, season), t) in PlayerSeason)
        {
            writer.Write(player);
            writer.Write(season);
            t.Write(writer);
        }
        writer.Write(Teams.Count);
        foreach (var (team, t) in Teams)
        {
            writer.Write(team);
            t.Write(writer);
        }
    }

    /// <inheritdoc/>
    public static AggGameDetailsPart Read(BinaryReader reader, PublishOptions options)
    {
        var p = new AggGameDetailsPart();
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            p.PlayerTeam[(reader.ReadInt64(), reader.ReadInt64())] = Totals.Read(reader);
        }
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            p.PlayerSeason[(reader.ReadInt64(), reader.ReadInt32())] = Totals.Read(reader);
        }
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            p.Teams[reader.ReadInt64()] = Totals.Read(reader);
        }
        return p;
    }

    private static void Count<TKey>(Dictionary<TKey, Totals> groups, TKey key, ScanRow row)
        where TKey : notnull
    {
        var totals = groups.TryGetValue(key, out var t) ? t : groups[key] = new Totals();
        if (row.DidPlay)
        {
            totals.Played++;
            totals.Won += row.WonGame ? 1 : 0;
        }
        totals.Points += row.Pts ?? 0;
    }

    private static void Merge<TKey>(Dictionary<TKey, Totals> into, Dictionary<TKey, Totals> from)
        where TKey : notnull
    {
        foreach (var (key, t) in from)
        {
            var totals = into.TryGetValue(key, out var x) ? x : into[key] = new Totals();
            totals.Played += t.Played;
            totals.Won += t.Won;
            totals.Points += t.Points;
        }
    }

    private static AggGameDetailsRow Row(string level, Totals totals, LatestNames names, long? player = null, long? team = null, int? season = null) => new()
    {
        AggLevel = level,
        PlayerId = player,
        PlayerName = player is { } p ? names.PlayerNames[p] : null,
        TeamId = team,
        TeamAbbreviation = team is { } t ? names.TeamAbbreviations[t] : null,
        Season = season,
        GamesPlayed = totals.Played,
        GamesWon = totals.Won,
        TotalPts = totals.Points,
    };

    /// <summary>A group's games played, games won and points.</summary>
    internal sealed class Totals
    {
        public long Played;
        public long Won;
        public long Points;

        public void Write(BinaryWriter w)
        {
            w.Write(Played);
            w.Write(Won);
            w.Write(Points);
        }

        public static Totals Read(BinaryReader r) => new() { Played = r.ReadInt64(), Won = r.ReadInt64(), Points = r.ReadInt64() };
    }
}
