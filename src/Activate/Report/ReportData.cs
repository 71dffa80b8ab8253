using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Transform;
using NbaLake.Transform.Quality;

namespace NbaLake.Activate.Report;

/// <summary>Everything the report shows, gathered from gold, silver and the ops tables of one lake version.</summary>
public sealed record ReportData(
    DateTimeOffset GeneratedAt,
    string RunId,
    PublishOptions Options,
    IReadOnlyList<AnswerRow> Answers,
    IReadOnlyList<TeamSeason> TeamSeasons,
    IReadOnlyList<TopScorer> TopScorers,
    TeamGames? Stretch,
    PlayerGames? Streak,
    IReadOnlyList<QualityResultRow> Quality,
    IReadOnlyList<RejectCount> Rejects,
    IReadOnlyList<CommitEntry> Versions);

/// <summary>A team's distinct games and wins in one season.</summary>
public sealed record TeamSeason(long TeamId, string Team, int Season, int Games, int Wins);

/// <summary>The player with the most points in a season.</summary>
public sealed record TopScorer(int Season, long PlayerId, string Player, long Points);

/// <summary>The best-stretch team's games in order (1 = won) and its best window.</summary>
public sealed record TeamGames(TeamBestStretchRow Best, IReadOnlyList<(DateOnly Date, int GameId, bool Won)> Games);

/// <summary>The streak player's games played in order, with points, and his longest streak.</summary>
public sealed record PlayerGames(PlayerScoringStreaksRow Best, IReadOnlyList<(DateOnly Date, int GameId, int Points)> Games);

/// <summary>Rows of a reject table with one reason.</summary>
public sealed record RejectCount(string Table, string Reason, long Rows);

/// <summary>Builds <see cref="ReportData"/> from the lake and the silver rows gold was computed from.</summary>
public static class ReportDataBuilder
{
    /// <summary>Reads gold, the ops tables, and silver once (in order, season by season) for the charts' series.</summary>
    public static async Task<ReportData> LoadAsync(TableStore store, PublishOptions options, CancellationToken ct = default)
    {
        var layout = store.Layout;
        var answers = await PublishStage.ReadAnswersAsync(layout, ct);
        var agg = await ParquetRows.ReadFolderAsync<AggGameDetailsRow>(layout.TableFolder(AggGameDetails.Table), ct);
        var stretches = await ParquetRows.ReadFolderAsync<TeamBestStretchRow>(layout.TableFolder(TeamBestStretch.Table), ct);
        var streaks = await ParquetRows.ReadFolderAsync<PlayerScoringStreaksRow>(layout.TableFolder(PlayerScoringStreaks.Table), ct);
        var quality = await ParquetRows.ReadFolderAsync<QualityResultRow>(layout.TableFolder(QualityResultRow.Table), ct);
        var lastCheck = quality.Select(q => q.RunId).DefaultIfEmpty("").Max(StringComparer.Ordinal);
        var series = Series.Read(store, options, answers.FirstOrDefault(a => a.QuestionId == "q4")?.TeamId, answers.FirstOrDefault(a => a.QuestionId == "q5")?.PlayerId);
        return new ReportData(
            DateTimeOffset.UtcNow, store.RunId, options, answers,
            series.TeamSeasons(),
            [.. agg.Where(a => a.AggLevel == "player_season")
                .GroupBy(a => a.Season!.Value)
                .Select(g => g.OrderByDescending(a => a.TotalPts).ThenBy(a => a.PlayerId).First())
                .Select(a => new TopScorer(a.Season!.Value, a.PlayerId!.Value, a.PlayerName ?? $"player {a.PlayerId}", a.TotalPts))
                .OrderBy(t => t.Season)],
            stretches.FirstOrDefault(s => s.TeamId == series.StretchTeam) is { } best ? new TeamGames(best, series.StretchGames) : null,
            streaks.FirstOrDefault(s => s.PlayerId == series.StreakPlayer) is { } longest ? new PlayerGames(longest, series.StreakGames) : null,
            [.. quality.Where(q => q.RunId == lastCheck)],
            await RejectsAsync(layout, ct),
            [.. store.Tables().Select(store.Current).OfType<CommitEntry>()]);
    }

    /// <summary>
    /// What the charts draw, from the gold states of the silver units (cached by publish, so no second pass over
    /// silver): each team's games and wins per season, the q4 team's games and the q5 player's games played, in
    /// (game_date, game_id) order.
    /// </summary>
    private sealed class Series
    {
        private readonly Dictionary<(long Team, int Season), (int Games, int Wins)> counts = [];
        private readonly LatestNames names = new();

        public long? StretchTeam { get; private init; }
        public long? StreakPlayer { get; private init; }
        public List<(DateOnly Date, int GameId, bool Won)> StretchGames { get; } = [];
        public List<(DateOnly Date, int GameId, int Points)> StreakGames { get; } = [];

        public static Series Read(TableStore store, PublishOptions options, long? stretchTeam, long? streakPlayer)
        {
            var series = new Series { StretchTeam = stretchTeam, StreakPlayer = streakPlayer };
            GoldState.ForEach(store, options, Serilog.Core.Logger.None, unit =>
            {
                series.names.Add(unit.Names);
                foreach (var (team, games) in unit.Stretch.Teams)
                {
                    foreach (var game in games)
                    {
                        var (played, wins) = series.counts.GetValueOrDefault((team, game.Season));
                        series.counts[(team, game.Season)] = (played + 1, wins + (game.Won ? 1 : 0));
                    }
                    if (team == stretchTeam)
                    {
                        series.StretchGames.AddRange(games.Select(g => (g.Date, g.GameId, g.Won)));
                    }
                }
                if (streakPlayer is { } player && unit.Streaks.Named.TryGetValue(player, out var gamesPlayed))
                {
                    series.StreakGames.AddRange(gamesPlayed);
                }
            });
            return series;
        }

        /// <summary>The grid's cells: the last <see cref="GridSeasons"/> seasons, and of those the <see cref="GridTeams"/> teams with the most wins.</summary>
        public List<TeamSeason> TeamSeasons()
        {
            var seasons = counts.Keys.Select(k => k.Season).Distinct().OrderDescending().Take(GridSeasons).ToHashSet();
            var teams = counts.Where(c => seasons.Contains(c.Key.Season)).GroupBy(c => c.Key.Team)
                .OrderByDescending(g => g.Sum(c => c.Value.Wins)).ThenBy(g => g.Key).Take(GridTeams).Select(g => g.Key).ToHashSet();
            return
            [
                .. counts.Where(c => seasons.Contains(c.Key.Season) && teams.Contains(c.Key.Team)).Select(c => new TeamSeason(c.Key.Team,
                    names.TeamAbbreviations.GetValueOrDefault(c.Key.Team) ?? c.Key.Team.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    c.Key.Season, c.Value.Games, c.Value.Wins))
                    .OrderBy(t => t.Team, StringComparer.Ordinal).ThenBy(t => t.Season),
            ];
        }
    }

    /// <summary>Seasons the wins grid shows (the latest), so the report stays readable and small however long the history.</summary>
    public const int GridSeasons = 20;

    /// <summary>Teams the wins grid shows (those with the most wins in its seasons), however many teams the league has.</summary>
    public const int GridTeams = 30;

    private static async Task<List<RejectCount>> RejectsAsync(LakeLayout layout, CancellationToken ct)
    {
        var bronze = await ParquetRows.ReadFolderAsync<Ingest.BronzeReject>(layout.TableFolder(Ingest.BronzeReject.Table), ct);
        var silver = await ParquetRows.ReadFolderAsync<SilverReject>(layout.TableFolder(SilverReject.Table), ct);
        return
        [
            .. bronze.GroupBy(r => r.Reason).Select(g => new RejectCount(Ingest.BronzeReject.Table.ToString(), g.Key, g.Count()))
                .OrderBy(r => r.Reason, StringComparer.Ordinal),
            .. silver.GroupBy(r => r.Reason).Select(g => new RejectCount(SilverReject.Table.ToString(), g.Key, g.Count()))
                .OrderBy(r => r.Reason, StringComparer.Ordinal),
        ];
    }
}
