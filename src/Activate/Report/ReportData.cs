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
    /// <param name="input">What gold was computed from, when publish has it in memory; else silver is read back.</param>
    public static async Task<ReportData> LoadAsync(TableStore store, PublishOptions options, GoldInput? input, CancellationToken ct = default)
    {
        var layout = store.Layout;
        input ??= new GoldInput(await ParquetRows.ReadFolderAsync<GameDetailRow>(layout.TableFolder(FctGameDetails.Table), ct), options);
        var answers = await PublishStage.ReadAnswersAsync(layout, ct);
        var agg = await ParquetRows.ReadFolderAsync<AggGameDetailsRow>(layout.TableFolder(AggGameDetails.Table), ct);
        var stretches = await ParquetRows.ReadFolderAsync<TeamBestStretchRow>(layout.TableFolder(TeamBestStretch.Table), ct);
        var streaks = await ParquetRows.ReadFolderAsync<PlayerScoringStreaksRow>(layout.TableFolder(PlayerScoringStreaks.Table), ct);
        var quality = await ParquetRows.ReadFolderAsync<QualityResultRow>(layout.TableFolder(QualityResultRow.Table), ct);
        var lastCheck = quality.Select(q => q.RunId).DefaultIfEmpty("").Max(StringComparer.Ordinal);
        return new ReportData(
            DateTimeOffset.UtcNow, store.RunId, options, answers,
            TeamSeasons(input),
            [.. agg.Where(a => a.AggLevel == "player_season")
                .GroupBy(a => a.Season!.Value)
                .Select(g => g.OrderByDescending(a => a.TotalPts).ThenBy(a => a.PlayerId).First())
                .Select(a => new TopScorer(a.Season!.Value, a.PlayerId!.Value, a.PlayerName ?? $"player {a.PlayerId}", a.TotalPts))
                .OrderBy(t => t.Season)],
            Stretch(input, answers, stretches),
            Streak(input, answers, streaks),
            [.. quality.Where(q => q.RunId == lastCheck)],
            await RejectsAsync(layout, ct),
            [.. store.Tables().Select(store.Current).OfType<CommitEntry>()]);
    }

    /// <summary>Each team's distinct games and wins per season (one box-score row per player, so distinct by game), in one pass.</summary>
    private static List<TeamSeason> TeamSeasons(GoldInput input)
    {
        var seen = new HashSet<(long, int)>();
        var counts = new Dictionary<(long Team, int Season), (int Games, int Wins)>();
        foreach (var r in input.Rows)
        {
            if (seen.Add((r.TeamId, r.GameId)))
            {
                var (games, wins) = counts.GetValueOrDefault((r.TeamId, r.Season));
                counts[(r.TeamId, r.Season)] = (games + 1, wins + (r.WonGame ? 1 : 0));
            }
        }
        return [.. counts.Select(c => new TeamSeason(c.Key.Team,
                input.TeamAbbreviations.GetValueOrDefault(c.Key.Team) ?? c.Key.Team.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Key.Season, c.Value.Games, c.Value.Wins))
            .OrderBy(t => t.Team, StringComparer.Ordinal).ThenBy(t => t.Season)];
    }

    /// <summary>The q4 team's games in (game_date, game_id) order.</summary>
    private static TeamGames? Stretch(GoldInput input, List<AnswerRow> answers, List<TeamBestStretchRow> stretches)
    {
        var team = answers.FirstOrDefault(a => a.QuestionId == "q4")?.TeamId;
        var best = stretches.FirstOrDefault(s => s.TeamId == team);
        return best is null ? null : new TeamGames(best,
            [.. input.Rows.Where(r => r.TeamId == best.TeamId).DistinctBy(r => r.GameId)
                .OrderBy(r => r.GameDate).ThenBy(r => r.GameId).Select(r => (r.GameDate, r.GameId, r.WonGame))]);
    }

    /// <summary>The q5 player's games played in (game_date, game_id) order.</summary>
    private static PlayerGames? Streak(GoldInput input, List<AnswerRow> answers, List<PlayerScoringStreaksRow> streaks)
    {
        var player = answers.FirstOrDefault(a => a.QuestionId == "q5")?.PlayerId;
        var best = streaks.FirstOrDefault(s => s.PlayerId == player);
        return best is null ? null : new PlayerGames(best,
            [.. input.Rows.Where(r => r.PlayerId == best.PlayerId && r.DidPlay)
                .OrderBy(r => r.GameDate).ThenBy(r => r.GameId).Select(r => (r.GameDate, r.GameId, r.Pts ?? 0))]);
    }

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
