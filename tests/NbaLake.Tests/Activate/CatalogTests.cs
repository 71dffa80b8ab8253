using System.Security.Cryptography;
using System.Text.Json;
using NbaLake.Activate.Catalog;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using Serilog.Core;

namespace NbaLake.Tests.Activate;

public class CatalogTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Every_table_and_every_column_in_the_lake_has_a_description_from_the_code()
    {
        using var lake = await SampleLakeAsync();
        var catalog = await BuildAsync(lake);

        // Every table the lake holds is in the catalog: a new table must get a definition.
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None);
        Assert.Empty(store.Tables().Select(t => t.ToString()).Except(catalog.Tables.Select(t => t.Name)));
        Assert.All(catalog.Tables, t => Assert.False(string.IsNullOrWhiteSpace(t.Description), $"{t.Name} has no summary"));
        var undocumented = catalog.Tables.SelectMany(t => t.Columns.Where(c => string.IsNullOrWhiteSpace(c.Description)).Select(c => $"{t.Name}.{c.Name}")).ToList();
        Assert.True(undocumented.Count == 0, "columns without a <summary>: " + string.Join(", ", undocumented));
        Assert.All(catalog.Tables, t => Assert.All(t.Key, k => Assert.Contains(k, t.Columns.Select(c => c.Name))));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Run_writes_catalog_json_and_markdown_that_agree_with_the_tables()
    {
        using var lake = await SampleLakeAsync();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(lake.Lake, "catalog.json")));
        var tables = json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);

        var details = tables["silver.fct_game_details"];
        Assert.Equal(long.Parse(lake.Query("silver", "fct_game_details", "SELECT count(*) FROM {t}")[0]), details.GetProperty("rows").GetInt64());
        Assert.Equal(lake.Query("silver", "fct_game_details", "SELECT max(game_date)::VARCHAR FROM {t}")[0],
            details.GetProperty("freshness").GetProperty("data_through").GetString());
        Assert.Equal("season", details.GetProperty("partition_by").GetString());
        Assert.Equal("1", details.GetProperty("upstream_versions").GetProperty("bronze.game_details").GetString());
        var columns = details.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.True(columns["player_name"].GetProperty("personal_data").GetBoolean());
        Assert.False(columns["pts"].GetProperty("personal_data").GetBoolean());
        Assert.Contains("minutes_in_range", columns["minutes"].GetProperty("quality_rules").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("double", columns["minutes"].GetProperty("type").GetString());

        // Bronze lineage: the landed file, by name and by the SHA-256 of its bytes.
        var sources = tables["bronze.games"].GetProperty("source_files").EnumerateArray().ToDictionary(f => f.GetProperty("file").GetString()!);
        Assert.Equal(["games.csv", "games_late.csv"], sources.Keys.Order());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(lake.Landing, "games.csv")))),
            sources["games.csv"].GetProperty("sha256").GetString());
        Assert.Equal(long.Parse(lake.Query("bronze", "_rejects", "SELECT count(*) FROM {t}")[0]), tables["bronze._rejects"].GetProperty("rows").GetInt64());

        var markdown = File.ReadAllText(Path.Combine(lake.Lake, "CATALOG.md"));
        Assert.Contains("```mermaid", markdown, StringComparison.Ordinal);
        Assert.Contains("landing_games --> bronze_games", markdown, StringComparison.Ordinal);
        Assert.Contains("silver_fct_game_details --> gold_agg_game_details", markdown, StringComparison.Ordinal);
        Assert.Contains("| `player_name` | string | The player's name as exported for this game (personal data). | personal data |", markdown, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Catalog_command_prints_one_table_and_names_the_tables_when_asked_for_an_unknown_one()
    {
        using var lake = await SampleLakeAsync();

        var (code, output) = await lake.RunAsync("catalog", "--table", "answers");
        var (badCode, badOutput) = await lake.RunAsync("catalog", "--table", "nope");

        Assert.Equal(0, code);
        Assert.StartsWith("## gold.answers", output, StringComparison.Ordinal);
        Assert.Contains("**Upstream:** `gold.agg_game_details`", output, StringComparison.Ordinal);
        Assert.DoesNotContain("## silver.games", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, badCode);
        Assert.Contains("no table 'nope'. Tables: bronze.games, bronze.game_details", badOutput, StringComparison.Ordinal);
    }

    /// <summary>The small fixture plus one unreadable record, run once: every table of the lake has a version.</summary>
    private static async Task<TempLake> SampleLakeAsync()
    {
        var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        lake.Land("games_late.csv", "GAME_DATE_EST,GAME_ID,HOME_TEAM_ID,VISITOR_TEAM_ID,SEASON,HOME_TEAM_WINS\n2022-01-01,\"2210,1,2,2021,1\n");
        var (code, output) = await lake.RunAsync("run");
        Assert.True(code == 0, output);
        return lake;
    }

    private static Task<LakeCatalog> BuildAsync(TempLake lake) =>
        LakeTables.CatalogAsync(new TableStore(new LakeLayout(lake.Lake, lake.Landing), "test", Logger.None), TestContext.Current.CancellationToken);
}
