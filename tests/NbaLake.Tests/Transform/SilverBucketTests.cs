using System.Globalization;
using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform;
using NbaLake.Transform.Quality;
using NbaLake.Tests.Support;
using static NbaLake.Tests.Support.BronzeRows;

namespace NbaLake.Tests.Transform;

/// <summary>One bucket's silver built from bronze rows in memory: dedupe, the join to games, rejects and the accounting.</summary>
public class SilverBucketTests
{
    private static SilverBucket Build(IReadOnlyList<BronzeRow> games, IReadOnlyList<BronzeRow> details, Dictionary<string, QualityPolicy>? policies = null,
        IReadOnlyDictionary<int, GameRow>? knownGames = null, IReadOnlyDictionary<SourceDefinition, HashSet<(string Batch, string File)>>? current = null) =>
        SilverBucket.Build("g1900", Chunks(Sources.Games, games), Chunks(Sources.GameDetails, details), new SourcesOptions(),
            new QualityGate(policies ?? new Dictionary<string, QualityPolicy>()), knownGames, current);

    /// <summary>"bronze = silver + duplicates + rejects {reason: n} + superseded", and whether it balances.</summary>
    private static string Accounting(TableAccounting a) =>
        $"{a.BronzeRows} = {a.SilverRows} + {a.Duplicates} + {a.Rejects} {{{string.Join(", ", a.RejectsByReason.Select(r => $"{r.Key}: {r.Value}"))}}} + {a.Superseded}: "
        + (a.Balances ? "balances" : "does not balance");

    private static string Show(SilverReject r) => $"{r.Source} | {r.BatchId} | {r.SourceFile} | {r.SourceLine} | {r.Reason} | {r.Column} | {r.Value ?? "null"} | {r.Detail}";

    [Theory]
    [InlineData(Batch1, "games.csv", 9, Batch2, "games.csv", 2, true)] // a later batch wins, whatever the line
    [InlineData(Batch1, "games.csv", 9, Batch2, "games.csv", 2, false)]
    [InlineData(Batch1, "games_a.csv", 9, Batch1, "games_b.csv", 2, true)] // in one batch, the later file name
    [InlineData(Batch1, "games.csv", 2, Batch1, "games.csv", 3, true)] // in one file, the later line
    [InlineData(Batch1, "games.csv", 2, Batch1, "games.csv", 3, false)]
    public void A_duplicate_game_keeps_the_latest_in_lineage_order_whatever_order_it_is_read_in(
        string earlyBatch, string earlyFile, long earlyLine, string lateBatch, string lateFile, long lateLine, bool oneChunk)
    {
        var early = Game("21900001", earlyLine, earlyBatch, earlyFile, ptsHome: "100");
        var late = Game("21900001", lateLine, lateBatch, lateFile, ptsHome: "110");

        var bucket = oneChunk
            ? SilverBucket.Build("g1900", Chunks(Sources.Games, [late, early]), Chunks(Sources.GameDetails), new SourcesOptions(), new QualityGate(new Dictionary<string, QualityPolicy>()))
            : SilverBucket.Build("g1900", Chunks(Sources.Games, [late], [early]), Chunks(Sources.GameDetails), new SourcesOptions(), new QualityGate(new Dictionary<string, QualityPolicy>()));

        var game = Assert.Single(bucket.GameRows);
        Assert.Equal((110, lateBatch, lateFile, lateLine), (game.PtsHome, game.BatchId, game.SourceFile, game.SourceLine));
        Assert.Equal("2 = 1 + 1 + 0 {} + 0: balances", Accounting(bucket.GamesAccount));
    }

    [Fact]
    public void A_duplicate_box_score_keeps_the_latest()
    {
        var bucket = Build([Game("21900001")], [Detail("21900001", pts: "25", batch: Batch2), Detail("21900001", pts: "20", line: 7)]);

        Assert.Equal(25, Assert.Single(bucket.DetailRows).Pts);
        Assert.Equal("2 = 1 + 1 + 0 {} + 0: balances", Accounting(bucket.DetailsAccount));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Won_game_is_the_home_result_for_home_players_and_its_opposite_for_away_players(string homeWins, bool homeWon)
    {
        var bucket = Build([Game("21900001", homeWins: homeWins)],
            [Detail("21900001", "1", team: Lal), Detail("21900001", "2", team: Bos, abbreviation: "BOS", line: 3)]);

        Assert.Equal(
        [
            $"1 | {Lal} | home True | opponent {Bos} | won {homeWon} | 2019-10-22 | 2019 | Regular Season",
            $"2 | {Bos} | home False | opponent {Lal} | won {!homeWon} | 2019-10-22 | 2019 | Regular Season",
        ], bucket.DetailRows.Select(d =>
            $"{d.PlayerId} | {d.TeamId} | home {d.IsHome} | opponent {d.OpponentTeamId} | won {d.WonGame} | {d.GameDate:yyyy-MM-dd} | {d.Season} | {d.SeasonType}"));
    }

    [Fact]
    public void A_box_score_without_its_game_is_unknown_game_and_one_of_a_third_team_is_team_not_in_game()
    {
        var bucket = Build([Game("21900001")], [Detail("21900002", line: 2), Detail("21900001", team: Gsw, line: 3)]);

        Assert.Empty(bucket.DetailRows);
        Assert.Equal(
        [
            $"game_details | {Batch1} | games_details.csv | 2 | unknown_game | game_id | 21900002 | game_id: no game with this id in silver games; the row is admitted when its game arrives",
            $"game_details | {Batch1} | games_details.csv | 3 | team_not_in_game | team_id | {Gsw} | team_id: the game's teams are {Lal} (home) and {Bos} (visitor)",
        ], bucket.Rejects.Select(Show));
    }

    [Fact]
    public void Box_scores_of_a_quarantined_game_are_unknown_game_saying_why()
    {
        var bucket = Build([Game("21900001", visitor: Lal)], [Detail("21900001")]);

        Assert.Empty(bucket.GameRows);
        Assert.Equal(
        [
            $"game_details | {Batch1} | games_details.csv | 2 | unknown_game | game_id | 21900001 | game_id: its game is in silver/_rejects (a quality rule quarantined it); the row is admitted when a corrected game arrives",
            $"games | {Batch1} | games.csv | 2 | teams_differ | visitor_team_id | {Lal} | game 21900001 (2019-10-22): team {Lal} is both the home and the visitor team",
        ], bucket.Rejects.Select(Show));
    }

    [Fact]
    public void A_box_score_joins_a_game_known_from_elsewhere_unless_this_bucket_quarantines_that_game()
    {
        var known = new Dictionary<int, GameRow>
        {
            [21900001] = SilverRows.Game(21900001),
            [21900002] = SilverRows.Game(21900002),
        };

        var bucket = Build([Game("21900002", visitor: Lal)], [Detail("21900001"), Detail("21900002", line: 3)], knownGames: known);

        Assert.Equal(21900001, Assert.Single(bucket.DetailRows).GameId);
        Assert.Equal(["game_details unknown_game", "games teams_differ"], bucket.Rejects.Select(r => $"{r.Source} {r.Reason}"));
    }

    [Fact]
    public void Bad_keys_and_bad_values_are_rejected_with_the_column_and_the_value_as_landed()
    {
        var bucket = Build([Game("2190000x"), Game("21900001", line: 3, date: "22/10/2019")], [Detail("21900001", pts: "twenty"), Detail(" ", line: 3)]);

        Assert.Equal(
        [
            $"game_details | {Batch1} | games_details.csv | 2 | bad_value | pts | twenty | pts: expected a whole number (like 21 or 21.0)",
            $"game_details | {Batch1} | games_details.csv | 3 | bad_key | game_id |   | game_id: expected an integer (int32) key",
            $"games | {Batch1} | games.csv | 2 | bad_key | game_id | 2190000x | game_id: expected an integer (int32) key",
            $"games | {Batch1} | games.csv | 3 | bad_value | game_date_est | 22/10/2019 | game_date_est: expected a date as yyyy-MM-dd (add the format to Sources:Games:DateFormats in pipeline.json)",
        ], bucket.Rejects.Select(Show));
    }

    [Fact]
    public void Every_bronze_row_is_a_silver_row_a_duplicate_or_a_reject()
    {
        var games = new[]
        {
            Game("21900001"), Game("21900001", batch: Batch2, ptsHome: "101"), Game("x", line: 3), Game("21900003", line: 4, visitor: Lal), Game("21900004", line: 5),
        };
        var details = new[]
        {
            Detail("21900001", "1"), Detail("21900001", "1", batch: Batch2), Detail("21900001", "2", line: 3, min: "75:00"),
            Detail("21900003", "1", line: 4), Detail("21900009", "1", line: 5), Detail("21900004", "1", line: 6, team: Gsw),
            Detail("21900004", "2", line: 7, pts: "x"), Detail("21900004", "3", line: 8),
        };

        var bucket = Build(games, details);

        Assert.Equal([21900001, 21900004], bucket.GameRows.Select(g => g.GameId));
        Assert.Equal([(21900001, 1L), (21900004, 3L)], bucket.DetailRows.Select(d => (d.GameId, d.PlayerId)));
        Assert.Equal("5 = 2 + 1 + 2 {bad_key: 1, teams_differ: 1} + 0: balances", Accounting(bucket.GamesAccount));
        Assert.Equal("8 = 2 + 1 + 5 {bad_value: 1, minutes_in_range: 1, team_not_in_game: 1, unknown_game: 2} + 0: balances", Accounting(bucket.DetailsAccount));
    }

    [Fact]
    public void Rows_of_a_superseded_file_version_are_set_aside_and_counted()
    {
        // games.csv is a snapshot source here: its current version is batch 2's, which no longer has game 21900002.
        var current = new Dictionary<SourceDefinition, HashSet<(string Batch, string File)>> { [Sources.Games] = [(Batch2, "games.csv")] };

        var bucket = Build([Game("21900001", ptsHome: "100"), Game("21900002", line: 3), Game("21900001", batch: Batch2, ptsHome: "110")], [], current: current);

        Assert.Equal(110, Assert.Single(bucket.GameRows).PtsHome);
        Assert.Equal("3 = 1 + 0 + 0 {} + 2: balances", Accounting(bucket.GamesAccount));
    }

    [Fact]
    public void The_team_points_rule_compares_with_the_box_scores_that_stay()
    {
        // LAL scored 100: 60 + 40, but the 40 comes with 75 minutes and is quarantined.
        var bucket = Build([Game("21900001")], [Detail("21900001", "1", pts: "60"), Detail("21900001", "2", line: 3, pts: "40", min: "75:00")]);

        var rule = Assert.Single(bucket.GamesRules, r => r.Rule == "team_points_match_players");
        Assert.Equal(new RuleCount("team_points_match_players", 1, 1,
            $"game 21900001 (2019-10-22): the home team {Lal} scored 100 but its players' points add up to 60"), rule);
        Assert.Single(bucket.GameRows);
    }

    [Fact]
    public void A_chunk_typed_in_slices_one_per_core_gives_what_small_chunks_typed_in_turn_give()
    {
        // 30,000 box scores in one chunk (over Columnar.SplitRows: typed in slices) and the same rows in chunks of 1,000
        // (each typed whole): duplicates across batches, unknown games, bad values and rows the rules quarantine.
        var random = new Random(5);
        var games = Enumerable.Range(0, 400).Select(g => Game((21900001 + g).ToString(CultureInfo.InvariantCulture), line: 2 + g,
            ptsHome: random.Next(3) == 0 ? "-1" : "100")).ToList();
        var details = Enumerable.Range(0, 30_000).Select(i => Detail((21900001 + random.Next(450)).ToString(CultureInfo.InvariantCulture),
            (1000 + random.Next(40)).ToString(CultureInfo.InvariantCulture), line: 2 + i, batch: random.Next(2) == 0 ? Batch1 : Batch2,
            pts: random.Next(50) == 0 ? "x" : random.Next(40).ToString(CultureInfo.InvariantCulture), team: random.Next(30) == 0 ? Gsw : Lal,
            min: random.Next(60) == 0 ? "99:00" : "30:00")).ToList();
        var gate = new QualityGate(new Dictionary<string, QualityPolicy>());

        var sliced = SilverBucket.Build("g1900", Chunks(Sources.Games, games), Chunks(Sources.GameDetails, details), new SourcesOptions(), gate);
        var inTurn = SilverBucket.Build("g1900", Chunks(Sources.Games, games),
            Chunks(Sources.GameDetails, [.. details.Chunk(1000).Select(c => (IReadOnlyList<BronzeRow>)c)]), new SourcesOptions(), gate);

        Assert.True(sliced.DetailRows.Count > 100 && sliced.Rejects.Count > 100, "the rows should keep some and reject some");
        Assert.Equal(Dump(inTurn), Dump(sliced));

        static string Dump(SilverBucket b) => string.Join("\n", b.DetailRows.Select(d => $"{d.GameId} {d.PlayerId} {d.Pts} {d.BatchId} {d.SourceLine}"))
            + "\n--\n" + string.Join("\n", b.GameRows.Select(g => $"{g.GameId} {g.PtsHome} {g.SourceLine}"))
            + "\n--\n" + string.Join("\n", b.Rejects.Select(r => $"{r.Source} {r.BatchId} {r.SourceLine} {r.Reason} {r.Detail}"))
            + "\n--\n" + b.DetailsAccount + b.GamesAccount + string.Join(",", b.DetailsRules) + string.Join(",", b.GamesRules);
    }
}
