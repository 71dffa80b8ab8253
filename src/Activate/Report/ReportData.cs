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

/// <summary>The best-stretch team's games in order, each with its wins over the N games ending there, and its best window.</summary>
public sealed record TeamGames(TeamBestStretchRow Best, IReadOnlyList<ReportView.StretchGame> Games);

/// <summary>The streak player's games played in order, with points, and his longest streak.</summary>
public sealed record PlayerGames(PlayerScoringStreaksRow Best, IReadOnlyList<ReportView.PlayerGame> Games);

/// <summary>Rows of a reject table with one reason.</summary>
public sealed record RejectCount(string Table, string Reason, long Rows);

/// <summary>
/// Builds <see cref="ReportData"/> from the lake's tables and the view publish writes for the report
/// (<see cref="ReportView"/>): the report reads no cache and computes no table's logic again.
/// </summary>
public static class ReportDataBuilder
{
    /// <summary>Reads gold, the ops tables, and the report's view when it belongs to the current gold.answers.</summary>
    public static async Task<ReportData> LoadAsync(TableStore store, PublishOptions options, CancellationToken ct = default)
    {
        var layout = store.Layout;
        var answers = await PublishStage.ReadAnswersAsync(layout, ct);
        var agg = await ParquetRows.ReadFolderAsync<AggGameDetailsRow>(layout.TableFolder(AggGameDetails.Table), ct);
        var stretches = await ParquetRows.ReadFolderAsync<TeamBestStretchRow>(layout.TableFolder(TeamBestStretch.Table), ct);
        var streaks = await ParquetRows.ReadFolderAsync<PlayerScoringStreaksRow>(layout.TableFolder(PlayerScoringStreaks.Table), ct);
        var quality = await ParquetRows.ReadFolderAsync<QualityResultRow>(layout.TableFolder(QualityResultRow.Table), ct);
        var lastCheck = quality.Select(q => q.RunId).DefaultIfEmpty("").Max(StringComparer.Ordinal);
        var view = CurrentView(store);
        return new ReportData(
            DateTimeOffset.UtcNow, store.RunId, options, answers,
            TeamSeasons(view?.TeamSeasons ?? []),
            [.. agg.Where(a => a.AggLevel == "player_season")
                .GroupBy(a => a.Season!.Value)
                .Select(g => g.OrderByDescending(a => a.TotalPts).ThenBy(a => a.PlayerId).First())
                .Select(a => new TopScorer(a.Season!.Value, a.PlayerId!.Value, a.PlayerName ?? $"player {a.PlayerId}", a.TotalPts))
                .OrderBy(t => t.Season)],
            view is not null && stretches.FirstOrDefault(s => s.TeamId == view.StretchTeam) is { } best ? new TeamGames(best, view.StretchGames) : null,
            view is not null && streaks.FirstOrDefault(s => s.PlayerId == view.StreakPlayer) is { } longest ? new PlayerGames(longest, view.StreakGames) : null,
            [.. quality.Where(q => q.RunId == lastCheck)],
            await RejectsAsync(layout, ct),
            [.. store.Tables().Select(store.Current).OfType<CommitEntry>()]);
    }

    /// <summary>The report's view, if publish wrote it for the current version of gold.answers (not after a restore of gold, say).</summary>
    private static ReportView? CurrentView(TableStore store) =>
        ReportView.Read(store.Layout) is { } view && store.Current(Answers.Table) is { } answers
            && view.BuiltFrom.Count == answers.Inputs.Count && view.BuiltFrom.All(i => answers.Inputs.GetValueOrDefault(i.Key) == i.Value)
            ? view : null;

    /// <summary>The grid's cells: the last <see cref="GridSeasons"/> seasons, and of those the <see cref="GridTeams"/> teams with the most wins.</summary>
    private static List<TeamSeason> TeamSeasons(IReadOnlyList<ReportView.TeamSeason> all)
    {
        var seasons = all.Select(s => s.Season).Distinct().OrderDescending().Take(GridSeasons).ToHashSet();
        var teams = all.Where(s => seasons.Contains(s.Season)).GroupBy(s => s.TeamId)
            .OrderByDescending(g => g.Sum(s => s.Wins)).ThenBy(g => g.Key).Take(GridTeams).Select(g => g.Key).ToHashSet();
        return
        [
            .. all.Where(s => seasons.Contains(s.Season) && teams.Contains(s.TeamId)).Select(s => new TeamSeason(s.TeamId,
                s.TeamAbbreviation ?? s.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Season, s.Games, s.Wins))
                .OrderBy(t => t.Team, StringComparer.Ordinal).ThenBy(t => t.Season),
        ];
    }

    /// <summary>Seasons the wins grid shows (the latest), so the report stays readable and small however long the history.</summary>
    public const int GridSeasons = 20;

    /// <summary>Teams the wins grid shows (those with the most wins in its seasons), however many teams the league has.</summary>
    public const int GridTeams = 30;

    /// <summary>Rows of each reject table by reason: only the reason column is read, as a dictionary (each distinct value once).</summary>
    private static Task<List<RejectCount>> RejectsAsync(LakeLayout layout, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<List<RejectCount>>(
        [
            .. Count(layout, Ingest.BronzeReject.Table),
            .. Count(layout, SilverReject.Table),
        ]);

        static IEnumerable<RejectCount> Count(LakeLayout layout, TableId table) =>
            TableStore.ListParquetFiles(layout.TableFolder(table)).SelectMany(path => Columnar.CountValues(path, "reason"))
                .GroupBy(c => c.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new RejectCount(table.ToString(), g.Key, g.Sum(c => c.Value)));
    }
}
