using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform;
using NbaLake.Transform.Quality;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Transform.Quality;

/// <summary>
/// The policies through <see cref="QualityGate"/>, on box scores typed in memory: warn keeps the row, quarantine moves it
/// to the rejects with the rule as reason, fail keeps it and stops the run once all buckets are counted.
/// </summary>
public class QualityGateTests
{
    private const string Minutes = "game 21900001, player 2: min 75 is outside 0..70";

    /// <summary>A box score typed as silver types it, with the per-row rules it breaks noted on it.</summary>
    private static GameDetailRow Typed(BronzeRow bronze)
    {
        var parser = new RowParser(Sources.GameDetails, bronze, new SourceOptions());
        var row = FctGameDetails.Parse(parser);
        Assert.Null(parser.Reject);
        (row.BatchId, row.SourceFile, row.SourceLine) = (bronze.BatchId, bronze.SourceFile, bronze.SourceLine);
        QualityGate.CheckRow(FctGameDetails.Rules, Sources.GameDetails, row, parser);
        return row;
    }

    private static (List<GameDetailRow> Kept, List<RuleCount> Counts, List<SilverReject> Rejects) Apply(
        QualityGate gate, params BronzeRow[] bronze)
    {
        List<GameDetailRow> rows = [.. bronze.Select(Typed)];
        var rejects = new List<SilverReject>();
        var (kept, counts) = gate.Apply(Sources.GameDetails, FctGameDetails.Rules, rows, new SilverTables([SilverRows.Game()], rows), rejects);
        return (kept, counts, rejects);
    }

    private static QualityGate Gate(string rule, QualityPolicy policy) => new(new Dictionary<string, QualityPolicy> { [rule] = policy });

    private static string Show(SilverReject r) => $"{r.Source} | {r.SourceFile} | {r.SourceLine} | {r.Reason} | {r.Column} | {r.Value ?? "null"} | {r.Detail}";

    private static BronzeRow[] GoodAndLong =>
        [BronzeRows.Detail("21900001", "1"), BronzeRows.Detail("21900001", "2", line: 3, min: "75:00")];

    private static QualityResultRow Result(QualityGate gate, List<RuleCount> counts, string rule) =>
        gate.Results("run", counts, FctGameDetails.Table, FctGameDetails.Rules).Single(r => r.Rule == rule);

    [Fact]
    public void Warn_keeps_the_row_and_counts_it()
    {
        var gate = Gate("minutes_in_range", QualityPolicy.Warn);

        var (kept, counts, rejects) = Apply(gate, GoodAndLong);

        Assert.Equal([1L, 2L], kept.Select(d => d.PlayerId));
        Assert.Empty(rejects);
        Assert.Contains(new RuleCount("minutes_in_range", 2, 1, Minutes), counts);
        Assert.Equal("warned", Result(gate, counts, "minutes_in_range").Outcome);
    }

    [Fact]
    public void Quarantine_moves_the_row_to_the_rejects_with_the_rule_as_reason()
    {
        var gate = Gate("minutes_in_range", QualityPolicy.Quarantine);

        var (kept, counts, rejects) = Apply(gate, GoodAndLong);

        Assert.Equal([1L], kept.Select(d => d.PlayerId));
        Assert.Equal([$"game_details | games_details.csv | 3 | minutes_in_range | min | 75:00 | {Minutes}"], rejects.Select(Show));
        Assert.Contains(new RuleCount("minutes_in_range", 2, 1, Minutes), counts);
        Assert.Equal("quarantined", Result(gate, counts, "minutes_in_range").Outcome);
    }

    [Fact]
    public void Fail_keeps_the_rows_of_the_bucket_and_stops_the_run_once_the_buckets_are_counted()
    {
        var gate = Gate("minutes_in_range", QualityPolicy.Fail);

        var (kept, counts, rejects) = Apply(gate, GoodAndLong);

        Assert.Equal([1L, 2L], kept.Select(d => d.PlayerId));
        Assert.Empty(rejects);
        var results = gate.Results("run", counts, FctGameDetails.Table, FctGameDetails.Rules);
        Assert.Equal("failed", results.Single(r => r.Rule == "minutes_in_range").Outcome);
        var failure = Assert.Throws<QualityGateException>(() => QualityGate.ThrowIfFailed(results));
        Assert.Equal($"silver.fct_game_details: rule minutes_in_range (min between 0 and 70) failed on 1 of 2 rows, e.g. {Minutes}", failure.Message);
    }

    [Fact]
    public void A_rule_with_no_failing_row_passes_whatever_its_policy_and_stops_nothing()
    {
        var gate = Gate("minutes_in_range", QualityPolicy.Fail);

        var (kept, counts, _) = Apply(gate, BronzeRows.Detail("21900001", "1"));
        var results = gate.Results("run", counts, FctGameDetails.Table, FctGameDetails.Rules);

        Assert.Single(kept);
        Assert.All(results, r => Assert.Equal("passed", r.Outcome));
        QualityGate.ThrowIfFailed(results);
    }

    [Fact]
    public void A_row_that_breaks_two_quarantine_rules_is_moved_once_with_the_first_rule_declared()
    {
        var gate = new QualityGate(new Dictionary<string, QualityPolicy>());

        var (kept, counts, rejects) = Apply(gate, BronzeRows.Detail("21900001", "2", pts: "101", min: "75:00"));

        Assert.Empty(kept);
        Assert.Equal(["minutes_in_range"], rejects.Select(r => r.Reason));
        Assert.Equal([("minutes_in_range", 1L), ("points_in_range", 1L)], counts.Where(c => c.Failing > 0).Select(c => (c.Rule, c.Failing)));
    }

    [Fact]
    public void A_group_rule_quarantines_with_the_rule_as_reason_and_the_rows_lineage()
    {
        var gate = Gate("details_game_and_team_exist", QualityPolicy.Quarantine);

        var (kept, _, rejects) = Apply(gate, BronzeRows.Detail("21900001", "1"), BronzeRows.Detail("21900002", "1", line: 3));

        Assert.Equal([21900001], kept.Select(d => d.GameId));
        Assert.Equal(["game_details | games_details.csv | 3 | details_game_and_team_exist | game_id | null | game 21900002, team 1610612747: not a game of silver games, or not that team's"],
            rejects.Select(Show));
    }

    [Fact]
    public void A_configured_policy_overrides_the_rules_default()
    {
        var rule = FctGameDetails.Rules.Single(r => r.Name == "minutes_in_range");

        Assert.Equal(QualityPolicy.Quarantine, new QualityGate(new Dictionary<string, QualityPolicy>()).PolicyOf(rule));
        Assert.Equal(QualityPolicy.Warn, Gate("minutes_in_range", QualityPolicy.Warn).PolicyOf(rule));
    }
}
