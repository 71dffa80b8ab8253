using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>agg_game_details</c>: the homework's GROUPING SETS in one table — (player_id, team_id) as
/// <c>player_team</c>, (player_id, season) as <c>player_season</c>, (team_id) as <c>team</c>. A dimension outside
/// the row's set is null. Upstream: silver <c>fct_game_details</c>. SQL twin: <c>sql/gold/agg_game_details.sql</c>.
/// </summary>
public static class AggGameDetails
{
    public static readonly TableId Table = TableId.Gold("agg_game_details");

    /// <summary>The table's definition: grain, key, upstream and build step.</summary>
    public static TableDefinition Definition { get; } = new(Table, typeof(AggGameDetails), typeof(AggGameDetailsRow),
        "one row per group of one grouping set", ["agg_level", "player_id", "team_id", "season"], [FctGameDetails.Table], CommitMode.Replace, typeof(PublishStage));

    public const string PlayerTeam = "player_team";
    public const string PlayerSeason = "player_season";
    public const string Team = "team";

    /// <summary>One silver unit's sums of the three grouping sets (a team's distinct games counted on a game's first row: rows come in game order).</summary>
    public sealed class UnitPart
    {
        private readonly Dictionary<long, int> teamLastGame = [];

        internal Dictionary<(long Player, long Team), Totals> PlayerTeam { get; } = [];
        internal Dictionary<(long Player, int Season), Totals> PlayerSeason { get; } = [];
        internal Dictionary<long, Totals> Teams { get; } = [];

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

        public void Write(BinaryWriter w)
        {
            w.Write(PlayerTeam.Count);
            foreach (var ((player, team), t) in PlayerTeam)
            {
                w.Write(player);
                w.Write(team);
                t.Write(w);
            }
            w.Write(PlayerSeason.Count);
            foreach (var ((player, season), t) in PlayerSeason)
            {
                w.Write(player);
                w.Write(season);
                t.Write(w);
            }
            w.Write(Teams.Count);
            foreach (var (team, t) in Teams)
            {
                w.Write(team);
                t.Write(w);
            }
        }

        public static UnitPart Read(BinaryReader r)
        {
            var p = new UnitPart();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                p.PlayerTeam[(r.ReadInt64(), r.ReadInt64())] = Totals.Read(r);
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                p.PlayerSeason[(r.ReadInt64(), r.ReadInt32())] = Totals.Read(r);
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                p.Teams[r.ReadInt64()] = Totals.Read(r);
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
    }

    /// <summary>The grouping sets over all units: their sums added up (a game is in one unit, so distinct games add up too).</summary>
    public sealed class Fold
    {
        private readonly UnitPart all = new();

        public void Add(UnitPart unit)
        {
            Merge(all.PlayerTeam, unit.PlayerTeam);
            Merge(all.PlayerSeason, unit.PlayerSeason);
            Merge(all.Teams, unit.Teams);
        }

        public List<AggGameDetailsRow> Rows(LatestNames names) =>
        [
            .. all.PlayerTeam.OrderBy(g => g.Key.Player).ThenBy(g => g.Key.Team).Select(g => Row(PlayerTeam, g.Value, names, g.Key.Player, team: g.Key.Team)),
            .. all.PlayerSeason.OrderBy(g => g.Key.Player).ThenBy(g => g.Key.Season).Select(g => Row(PlayerSeason, g.Value, names, g.Key.Player, season: g.Key.Season)),
            .. all.Teams.OrderBy(g => g.Key).Select(g => Row(Team, g.Value, names, team: g.Key)),
        ];

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
    }

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
