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

    /// <summary>The three grouping sets, summed as silver rows go by (any order works but for the team's distinct games, counted on a game's first row).</summary>
    public sealed class Fold
    {
        private readonly Dictionary<(long Player, long Team), Totals> playerTeam = [];
        private readonly Dictionary<(long Player, int Season), Totals> playerSeason = [];
        private readonly Dictionary<long, Totals> teams = [];
        private readonly Dictionary<long, int> teamLastGame = [];

        public void Add(ScanRow row)
        {
            Count(playerTeam, (row.PlayerId, row.TeamId), row);
            Count(playerSeason, (row.PlayerId, row.Season), row);
            var team = teams.TryGetValue(row.TeamId, out var t) ? t : teams[row.TeamId] = new Totals();
            if (!teamLastGame.TryGetValue(row.TeamId, out var last) || last != row.GameId)
            {
                // Rows come in (game_date, game_id) order: a team's rows of one game are together, so this is a new game.
                teamLastGame[row.TeamId] = row.GameId;
                team.Played++;
                team.Won += row.WonGame ? 1 : 0;
            }
            team.Points += row.Pts ?? 0;
        }

        public List<AggGameDetailsRow> Rows(LatestNames names) =>
        [
            .. playerTeam.OrderBy(g => g.Key.Player).ThenBy(g => g.Key.Team).Select(g => Row(PlayerTeam, g.Value, names, g.Key.Player, team: g.Key.Team)),
            .. playerSeason.OrderBy(g => g.Key.Player).ThenBy(g => g.Key.Season).Select(g => Row(PlayerSeason, g.Value, names, g.Key.Player, season: g.Key.Season)),
            .. teams.OrderBy(g => g.Key).Select(g => Row(Team, g.Value, names, team: g.Key)),
        ];

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

        private sealed class Totals
        {
            public long Played;
            public long Won;
            public long Points;
        }
    }
}
