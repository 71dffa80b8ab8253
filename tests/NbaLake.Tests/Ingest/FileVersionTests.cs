using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

/// <summary>
/// New versions of a landed file name (lake-contract.md, Bronze): corrections, rollbacks, rows dropped, the same
/// content under two names, in <c>append</c> and <c>snapshot</c> sources; silver always ends where a fresh run ends.
/// </summary>
public class FileVersionTests
{
    private static readonly string[] Snapshot = ["--Sources:Games:Mode=snapshot", "--Sources:GameDetails:Mode=snapshot"];

    private static readonly string Games = Csv.File(Csv.GamesHeader, Csv.Game("21900001"), Csv.Game("21900002", "2019-10-24", homeWins: "0"));

    /// <summary>Version A: LeBron James and Anthony Davis in both games.</summary>
    private static readonly string A = Csv.File(Csv.DetailsHeader,
        Csv.Detail("21900001", "20.0"), Csv.Detail("21900001", "10.0", "203076", name: "Anthony Davis"),
        Csv.Detail("21900002", "25.0"), Csv.Detail("21900002", "12.0", "203076", name: "Anthony Davis"));

    /// <summary>Version B: LeBron's first game corrected, Davis's first game dropped.</summary>
    private static readonly string B = Csv.File(Csv.DetailsHeader,
        Csv.Detail("21900001", "30.0"),
        Csv.Detail("21900002", "25.0"), Csv.Detail("21900002", "12.0", "203076", name: "Anthony Davis"));

    private const string AllOfA = "21900001 2544 20|21900001 203076 10|21900002 2544 25|21900002 203076 12";

    [Fact(Timeout = Timeouts.Job)]
    public async Task Append_keeps_a_dropped_row_and_a_rollback_makes_the_first_versions_values_current_again()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Games);
        await LandAndRunAsync(lake, A);
        await LandAndRunAsync(lake, B);
        Assert.Equal("21900001 2544 30|21900001 203076 10|21900002 2544 25|21900002 203076 12", Points(lake));

        await LandAndRunAsync(lake, A); // the rollback: A's content again, after B under the same name

        Assert.Equal(AllOfA, Points(lake));
        Assert.Equal(["3"], lake.Query("bronze", "game_details", "SELECT count(DISTINCT _batch_id) FROM {t}"));
        using var fresh = await FreshAsync(("games.csv", Games), ("games_details.csv", A));
        AssertSameSilver(fresh, lake);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Snapshot_retracts_what_a_new_version_no_longer_has_and_a_rollback_brings_it_back()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Games);
        await LandAndRunAsync(lake, A, Snapshot);
        Assert.Equal(AllOfA, Points(lake));

        await LandAndRunAsync(lake, B, Snapshot); // a correction that drops a row
        Assert.Equal("21900001 2544 30|21900002 2544 25|21900002 203076 12", Points(lake));
        using (var fresh = await FreshAsync(("games.csv", Games), ("games_details.csv", B)))
        {
            AssertSameSilver(fresh, lake);
        }

        // A game dropped from the games file: its box scores no longer join.
        lake.Land("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001")));
        await LandAndRunAsync(lake, A, Snapshot);
        Assert.Equal("21900001 2544 20|21900001 203076 10", Points(lake));
        Assert.Equal(["unknown_game | 2"], lake.Query("silver", "_rejects", "SELECT reason, count(*) FROM {t} GROUP BY 1"));
        using (var fresh = await FreshAsync(("games.csv", Csv.File(Csv.GamesHeader, Csv.Game("21900001"))), ("games_details.csv", A)))
        {
            AssertSameSilver(fresh, lake);
        }

        lake.Land("games.csv", Games); // both rolled back
        await LandAndRunAsync(lake, A, Snapshot);
        Assert.Equal(AllOfA, Points(lake));
        Assert.Equal(["0"], lake.Query("silver", "_rejects", "SELECT count(*) FROM {t}"));
        // Every bronze row is accounted for: 4 of A, 3 of B, 4 of A again = 4 in silver + 7 of superseded versions.
        Assert.Equal(["silver.fct_game_details 11 4 0 0 7"], lake.Query("_ops", "pipeline_runs",
            "SELECT table_name || ' ' || rows_in || ' ' || rows_out || ' ' || duplicates || ' ' || rejects || ' ' || superseded FROM {t} WHERE table_name = 'silver.fct_game_details' ORDER BY run_id DESC LIMIT 1"));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Snapshot_keeps_rows_a_copy_under_another_name_still_has()
    {
        using var lake = new TempLake();
        lake.Land("games.csv", Games);
        lake.Land("games_details_y.csv", A);
        await RunAsync(lake, Snapshot);
        lake.Land("games_details_x.csv", A); // the same content under a second name: not read again
        await RunAsync(lake, Snapshot);
        Assert.Equal(["games_details_y.csv"], lake.Query("bronze", "game_details", "SELECT DISTINCT _source_file FROM {t}"));

        lake.Land("games_details_y.csv", Csv.File(Csv.DetailsHeader)); // y retracts everything; x still has it
        await RunAsync(lake, Snapshot);
        Assert.Equal(AllOfA, Points(lake));
        using (var fresh = await FreshAsync(("games.csv", Games), ("games_details_x.csv", A), ("games_details_y.csv", Csv.File(Csv.DetailsHeader))))
        {
            Assert.Equal(Points(fresh), Points(lake));
        }

        lake.Land("games_details_x.csv", B);
        await RunAsync(lake, Snapshot);
        Assert.Equal("21900001 2544 30|21900002 2544 25|21900002 203076 12", Points(lake));

        lake.Land("games_details_x.csv", Csv.File(Csv.DetailsHeader)); // no file has a row any more: no bronze file changes
        await RunAsync(lake, Snapshot);
        Assert.Equal("", Points(lake));
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData("correction", 3)]
    [InlineData("correction", 12)]
    [InlineData("rollback", 6)]
    [InlineData("rollback", 15)]
    [InlineData("copy", 9)]
    public async Task A_run_killed_while_it_takes_in_a_new_snapshot_version_ends_where_a_fresh_run_ends_when_run_again(string scenario, int lines)
    {
        // Each scenario: what is landed before, the drop the killed run takes in, and the files a fresh run is given.
        var empty = Csv.File(Csv.DetailsHeader);
        var (before, drop, final) = scenario switch
        {
            "correction" => (new[] { ("games_details.csv", A) }, ("games_details.csv", B), new[] { ("games_details.csv", B) }),
            "rollback" => ([("games_details.csv", A), ("games_details.csv", B)], ("games_details.csv", A), [("games_details.csv", A)]),
            _ => ([("games_details_y.csv", A), ("games_details_x.csv", A)], ("games_details_y.csv", empty), [("games_details_x.csv", A), ("games_details_y.csv", empty)]),
        };
        using var lake = new TempLake();
        lake.Land("games.csv", Games);
        foreach (var (name, content) in before)
        {
            lake.Land(name, content);
            await RunAsync(lake, Snapshot);
        }
        lake.Land(drop.Item1, drop.Item2);
        using (var child = new ChildRun(lake, Snapshot))
        {
            for (var i = 0; i < lines && await child.ReadLineAsync() is not null; i++)
            {
            }
            child.Kill();
        }
        LakeCheck.EveryTableIsOneCommittedVersion(lake.Lake);

        await RunAsync(lake, Snapshot);

        using var fresh = await FreshAsync([("games.csv", Games), .. final]);
        Assert.Equal(Points(fresh), Points(lake));
        if (scenario != "copy")
        {
            AssertSameSilver(fresh, lake);
        }
    }

    private static async Task LandAndRunAsync(TempLake lake, string details, params string[] settings)
    {
        lake.Land("games_details.csv", details);
        await RunAsync(lake, settings);
    }

    private static async Task RunAsync(TempLake lake, params string[] settings)
    {
        var (code, output) = await lake.RunAsync("run", settings);
        Assert.True(code == ExitCodes.Success, output);
    }

    /// <summary>A new lake that ran once over the given files, with the same mode as <see cref="Snapshot"/> (it makes no difference to one run).</summary>
    private static async Task<TempLake> FreshAsync(params (string Name, string Content)[] files)
    {
        var fresh = new TempLake();
        foreach (var (name, content) in files)
        {
            fresh.Land(name, content);
        }
        await RunAsync(fresh, Snapshot);
        return fresh;
    }

    private static string Points(TempLake lake) =>
        string.Join('|', lake.Query("silver", "fct_game_details", "SELECT game_id || ' ' || player_id || ' ' || pts FROM {t} ORDER BY game_id, player_id"));

    private static void AssertSameSilver(TempLake expected, TempLake actual)
    {
        Assert.Equal(expected.Query("silver", "games", "SELECT * FROM {t} ORDER BY ALL"), actual.Query("silver", "games", "SELECT * FROM {t} ORDER BY ALL"));
        Assert.Equal(expected.Query("silver", "fct_game_details", "SELECT * FROM {t} ORDER BY ALL"), actual.Query("silver", "fct_game_details", "SELECT * FROM {t} ORDER BY ALL"));
        const string Rejects = "SELECT * EXCLUDE (_batch_id) FROM {t} ORDER BY ALL";
        Assert.Equal(expected.Query("silver", "_rejects", Rejects), actual.Query("silver", "_rejects", Rejects));
        Assert.Equal(expected.Query("gold", "answers", "SELECT * FROM {t} ORDER BY ALL"), actual.Query("gold", "answers", "SELECT * FROM {t} ORDER BY ALL"));
    }
}
