using System.Globalization;
using NbaLake.Activate.Report;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Activate;

/// <summary>What the report's charts are drawn from, checked against DuckDB over the same lake.</summary>
public class ReportDataTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Fact(Timeout = Timeouts.Job)]
    public async Task Chart_data_equals_what_duckdb_reads_from_silver_and_gold()
    {
        using var lake = new TempLake();

        var data = await ReportLake.RunAndLoadAsync(lake);

        Assert.Equal(
            lake.Query("silver", "fct_game_details", """
                SELECT team_id || ' ' || season || ' ' || count(DISTINCT game_id) || ' ' || count(DISTINCT game_id) FILTER (WHERE won_game)
                FROM {t} GROUP BY team_id, season ORDER BY 1
                """),
            data.TeamSeasons.Select(s => string.Create(Inv, $"{s.TeamId} {s.Season} {s.Games} {s.Wins}")).Order(StringComparer.Ordinal));
        Assert.Equal(
            lake.Query("gold", "agg_game_details", """
                SELECT season || ' ' || player_id || ' ' || total_pts FROM {t} WHERE agg_level = 'player_season'
                QUALIFY row_number() OVER (PARTITION BY season ORDER BY total_pts DESC, player_id) = 1 ORDER BY season
                """),
            data.TopScorers.Select(s => string.Create(Inv, $"{s.Season} {s.PlayerId} {s.Points}")));

        // The stretch chart's games give back the gold row's best window; the streak chart has every game played.
        var stretch = Assert.IsType<TeamGames>(data.Stretch);
        var won = stretch.Games.Select(g => g.Won ? 1 : 0).ToList();
        Assert.Equal(stretch.Best.BestWins, Enumerable.Range(0, won.Count - 1).Max(i => won.Skip(i).Take(2).Sum()));
        var streak = Assert.IsType<PlayerGames>(data.Streak);
        Assert.Equal(streak.Best.GamesPlayed, streak.Games.Count);

        Assert.Equal(
            lake.Query("bronze", "_rejects", "SELECT 'bronze._rejects ' || reason || ' ' || count(*) FROM {t} GROUP BY reason")
                .Concat(lake.Query("silver", "_rejects", "SELECT 'silver._rejects ' || reason || ' ' || count(*) FROM {t} GROUP BY reason"))
                .Order(StringComparer.Ordinal),
            data.Rejects.Select(r => $"{r.Table} {r.Reason} {r.Rows}").Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.NotEmpty(data.Rejects);
        // Every rule the table definitions declare is in the report's data and on its page, with its outcome.
        Assert.Equal(LakeTables.Rules.Select(r => r.Rule.Name).Order(StringComparer.Ordinal), data.Quality.Select(q => q.Rule).Order(StringComparer.Ordinal));
        var page = File.ReadAllText(Path.Combine(lake.Lake, "reports", "index.html"));
        Assert.All(data.Quality, q => Assert.Contains($"<code>{q.Rule}</code>", page, StringComparison.Ordinal));
        Assert.Contains($"{LakeTables.Rules.Count} rules checked", page, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_run_that_changes_nothing_leaves_the_report_alone_and_a_new_drop_rewrites_it()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        var report = Path.Combine(lake.Lake, "reports", "index.html");
        Assert.True(File.Exists(report), "the first run wrote no report");
        var first = File.GetLastWriteTimeUtc(report);
        var bytes = File.ReadAllBytes(report);

        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        Assert.True(File.Exists(report), "the no-op run removed the report");
        Assert.Equal(first, File.GetLastWriteTimeUtc(report));
        Assert.Equal(bytes, File.ReadAllBytes(report));

        lake.Land("games_details_bad.csv", "GAME_ID,TEAM_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,PTS\nx,1,AAA,2,Some One,3\n");
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run")).ExitCode);
        Assert.NotEqual(bytes, File.ReadAllBytes(report));
        Assert.Contains("silver._rejects: bad_key", ReportText(report), StringComparison.Ordinal);
    }

    /// <summary>The text of the report's charts and tables (the SVGs are base64 data URIs).</summary>
    private static string ReportText(string path)
    {
        var html = File.ReadAllText(path);
        return html + string.Concat(System.Text.RegularExpressions.Regex.Matches(html, "base64,([A-Za-z0-9+/=]+)")
            .Select(m => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))));
    }
}
