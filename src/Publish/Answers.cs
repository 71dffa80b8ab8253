using System.Globalization;
using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>
/// Gold <c>answers</c>: one row per homework question (q1 to q5), read from the other gold tables with the
/// contract's tie-breaks. Upstream: gold agg_game_details, team_best_stretch, player_scoring_streaks.
/// </summary>
public sealed class Answers : IGoldSummary<AnswerRow>
{
    private Answers()
    {
    }

    public static readonly TableId Table = TableId.Gold("answers");

    /// <summary>The table's definition: grain, key, and the gold tables it reads.</summary>
    public static TableDefinition Definition { get; } = GoldTable.FromTables<Answers, AnswerRow>(Table, typeof(Answers),
        "one row per homework question", ["question_id"], [AggGameDetails.Table, TeamBestStretch.Table, PlayerScoringStreaks.Table]);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <inheritdoc/>
    public static List<AnswerRow> Rows(GoldRows gold) => Build(gold.Of<AggGameDetailsRow>(AggGameDetails.Table),
        gold.Of<TeamBestStretchRow>(TeamBestStretch.Table), gold.Of<PlayerScoringStreaksRow>(PlayerScoringStreaks.Table), gold.Options);

    /// <summary>The five answers from the rows of the three gold tables they read.</summary>
    public static List<AnswerRow> Build(
        IReadOnlyList<AggGameDetailsRow> agg, IReadOnlyList<TeamBestStretchRow> stretches, IReadOnlyList<PlayerScoringStreaksRow> streaks, PublishOptions options) =>
    [
        MostPointsForOneTeam(agg),
        MostPointsInOneSeason(agg),
        MostWins(agg),
        BestStretch(stretches, options.StretchGames),
        Streak(streaks, options.StreakPlayer, options.StreakThreshold),
    ];

    private static AnswerRow MostPointsForOneTeam(IReadOnlyList<AggGameDetailsRow> agg)
    {
        var row = new AnswerRow { QuestionId = "q1", Question = "Who scored the most points playing for one team?", SourceTable = AggGameDetails.Table.Name };
        var best = agg.Where(r => r.AggLevel == AggGameDetails.PlayerTeam)
            .OrderByDescending(r => r.TotalPts).ThenBy(r => r.PlayerId).ThenBy(r => r.TeamId).FirstOrDefault();
        if (best is null)
        {
            row.Answer = "No player has a game in the data yet.";
            return row;
        }
        (row.PlayerId, row.PlayerName, row.TeamId, row.TeamAbbreviation, row.Value) = (best.PlayerId, best.PlayerName, best.TeamId, best.TeamAbbreviation, best.TotalPts);
        row.Answer = string.Format(Invariant, "{0} scored the most points playing for one team: {1:N0} for {2}.", Name(best.PlayerName, best.PlayerId), best.TotalPts, Team(best.TeamAbbreviation, best.TeamId));
        return row;
    }

    private static AnswerRow MostPointsInOneSeason(IReadOnlyList<AggGameDetailsRow> agg)
    {
        var row = new AnswerRow { QuestionId = "q2", Question = "Who scored the most points in one season?", SourceTable = AggGameDetails.Table.Name };
        var best = agg.Where(r => r.AggLevel == AggGameDetails.PlayerSeason)
            .OrderByDescending(r => r.TotalPts).ThenBy(r => r.PlayerId).ThenBy(r => r.Season).FirstOrDefault();
        if (best is null)
        {
            row.Answer = "No player has a game in the data yet.";
            return row;
        }
        (row.PlayerId, row.PlayerName, row.Season, row.Value) = (best.PlayerId, best.PlayerName, best.Season, best.TotalPts);
        row.Answer = string.Format(Invariant, "{0} scored the most points in one season: {1:N0} in {2}.", Name(best.PlayerName, best.PlayerId), best.TotalPts, SeasonLabel(best.Season!.Value));
        return row;
    }

    private static AnswerRow MostWins(IReadOnlyList<AggGameDetailsRow> agg)
    {
        var row = new AnswerRow { QuestionId = "q3", Question = "Which team has won the most games?", SourceTable = AggGameDetails.Table.Name };
        var best = agg.Where(r => r.AggLevel == AggGameDetails.Team)
            .OrderByDescending(r => r.GamesWon).ThenBy(r => r.TeamId).FirstOrDefault();
        if (best is null)
        {
            row.Answer = "No team has a game in the data yet.";
            return row;
        }
        (row.TeamId, row.TeamAbbreviation, row.Value) = (best.TeamId, best.TeamAbbreviation, best.GamesWon);
        row.Answer = string.Format(Invariant, "{0} won the most games: {1:N0} of the {2:N0} it played.", Team(best.TeamAbbreviation, best.TeamId), best.GamesWon, best.GamesPlayed);
        return row;
    }

    private static AnswerRow BestStretch(IReadOnlyList<TeamBestStretchRow> stretches, int n)
    {
        var row = new AnswerRow
        {
            QuestionId = "q4",
            Question = string.Format(Invariant, "What is the most games a team has won in a {0}-game stretch?", n),
            SourceTable = TeamBestStretch.Table.Name,
        };
        var best = stretches.OrderByDescending(r => r.BestWins).ThenBy(r => r.TeamId).FirstOrDefault();
        if (best is null)
        {
            row.Answer = string.Format(Invariant, "No team has played {0} games yet.", n);
            return row;
        }
        (row.TeamId, row.TeamAbbreviation, row.Value, row.StartDate, row.EndDate) = (best.TeamId, best.TeamAbbreviation, best.BestWins, best.StretchStartDate, best.StretchEndDate);
        row.Answer = string.Format(Invariant, "{0} won {1} of {2} consecutive games, from {3} to {4}.",
            Team(best.TeamAbbreviation, best.TeamId), best.BestWins, n, Day(best.StretchStartDate), Day(best.StretchEndDate));
        return row;
    }

    private static AnswerRow Streak(IReadOnlyList<PlayerScoringStreaksRow> streaks, string player, int threshold)
    {
        var row = new AnswerRow
        {
            QuestionId = "q5",
            Question = string.Format(Invariant, "How many games in a row did {0} score over {1} points?", player, threshold),
            SourceTable = PlayerScoringStreaks.Table.Name,
        };
        // The setting is matched ignoring case and surrounding spaces; the answer names the player as the data spells it.
        var best = streaks.Where(r => string.Equals(r.PlayerName, player.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.GamesPlayed).ThenBy(r => r.PlayerId).FirstOrDefault();
        if (best is null)
        {
            row.Answer = string.Format(Invariant, "No player named {0} has played a game in the data.", player);
            return row;
        }
        (row.PlayerId, row.PlayerName, row.Value, row.StartDate, row.EndDate) = (best.PlayerId, best.PlayerName, best.LongestStreak, best.StreakStartDate, best.StreakEndDate);
        row.Question = string.Format(Invariant, "How many games in a row did {0} score over {1} points?", best.PlayerName, threshold);
        row.Answer = best.LongestStreak == 0
            ? string.Format(Invariant, "{0} never scored over {1} points in a game.", best.PlayerName, threshold)
            : string.Format(Invariant, "{0} scored over {1} points in {2:N0} games in a row, from {3} to {4}.",
                best.PlayerName, threshold, best.LongestStreak, Day(best.StreakStartDate!.Value), Day(best.StreakEndDate!.Value));
        return row;
    }

    private static string Name(string? name, long? id) => name ?? string.Format(Invariant, "Player {0}", id);

    private static string Team(string? abbreviation, long? id) => abbreviation ?? string.Format(Invariant, "Team {0}", id);

    /// <summary>2018 → "2018-19".</summary>
    public static string SeasonLabel(int season) => string.Format(Invariant, "{0}-{1:D2}", season, (season + 1) % 100);

    private static string Day(DateOnly date) => date.ToString("MMMM d, yyyy", Invariant);
}
