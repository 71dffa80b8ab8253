using NbaLake.Tests.Support;

namespace NbaLake.Tests.RealData;

/// <summary>The spreadsheet export of the 2019-20 slice (../shared/data/real/excel-export-2019-20) against the clean one.</summary>
public class ExcelExportTests(RealSlice realSlice)
{
    private static readonly string[] ExportSettings =
    [
        "--Sources:Games:Delimiter=;", "--Sources:Games:DateFormats:0=dd/MM/yyyy",
        "--Sources:GameDetails:Delimiter=;", "--Sources:Teams:Delimiter=;",
    ];

    [Fact(Timeout = Timeouts.Job)]
    public async Task With_its_delimiter_date_format_and_spreadsheet_minutes_it_loads_to_the_same_silver_as_the_clean_slice()
    {
        var (clean, cleanCode, _) = await realSlice.RunAsync();
        using var export = new TempLake(landing: Repo.RealData("excel-export-2019-20"));
        Assert.Equal(0, cleanCode);

        Assert.Equal(0, (await export.RunAsync("run", [.. ExportSettings, "--Sources:GameDetails:MinutesFormat=spreadsheet"])).ExitCode);

        using var duck = new Duck();
        foreach (var table in new[] { "games", "fct_game_details" })
        {
            var a = Duck.ReadTable(clean.Table("silver", table));
            var b = Duck.ReadTable(export.Table("silver", table));
            Assert.Empty(duck.Rows($"(SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b}) UNION ALL (SELECT * FROM {b} EXCEPT ALL SELECT * FROM {a}) LIMIT 5"));
        }
        LakeCheck.SameBytes(LakeCheck.GoldBytes(clean.Lake), LakeCheck.GoldBytes(export.Lake));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task With_contract_minutes_every_damaged_min_is_quarantined_with_a_hint_except_the_day_fraction_1()
    {
        var (clean, cleanCode, _) = await realSlice.RunAsync();
        using var export = new TempLake(landing: Repo.RealData("excel-export-2019-20"));
        Assert.Equal(0, cleanCode);

        Assert.Equal(0, (await export.RunAsync("run", ExportSettings)).ExitCode);

        using var duck = new Duck();
        var rejects = Duck.ReadTable(export.Table("silver", "_rejects"));
        Assert.Equal(["bad_value | min | 9679"], duck.Rows($"SELECT reason, \"column\", count(*) FROM {rejects} GROUP BY ALL"));
        Assert.Equal(["9653", "26"], duck.Rows($"""
            SELECT count(*) FROM {rejects} WHERE value LIKE '%:%:00' AND detail LIKE '%set Sources:GameDetails:MinutesFormat to "spreadsheet"%'
            UNION ALL SELECT count(*) FROM {rejects} WHERE value LIKE '%,%'
            """));
        // "1" (24:00 through a spreadsheet) is a valid contract MIN: it loads as 1 minute. docs/bad-input.md explains it.
        Assert.Equal(["1 | 24 | 4"], duck.Rows($"""
            SELECT e.minutes, c.minutes, count(*)
            FROM {Duck.ReadTable(export.Table("silver", "fct_game_details"))} e
            JOIN {Duck.ReadTable(clean.Table("silver", "fct_game_details"))} c USING (game_id, player_id)
            WHERE e.minutes IS DISTINCT FROM c.minutes GROUP BY ALL
            """));
    }
}
