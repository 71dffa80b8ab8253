using System.Globalization;

namespace NbaLake.Tests.Support;

/// <summary>
/// Runs the repo's <c>sql/gold/*.sql</c> definitions in DuckDB over the silver Parquet a job wrote, and compares
/// every row and column type with the job's own gold read back by <c>read_parquet('&lt;lake&gt;/gold/&lt;table&gt;/**/*.parquet')</c>.
/// </summary>
public static class GoldSql
{
    /// <summary>The gold tables in the order their SQL must run (answers reads the other three).</summary>
    public static readonly string[] Tables = ["agg_game_details", "team_best_stretch", "player_scoring_streaks", "answers"];

    /// <summary>Every difference found, as readable lines; empty when the job's gold equals the SQL's row for row.</summary>
    public static List<string> Compare(string lake, int stretchGames = 90, int streakThreshold = 10, string streakPlayer = "LeBron James", IReadOnlyList<string>? seasonTypes = null)
    {
        using var duck = new Duck();
        PortableSql.AddDuckDbShims(duck);
        var filter = seasonTypes is { Count: > 0 } ? $" WHERE season_type IN ({string.Join(", ", seasonTypes.Select(Duck.Literal))})" : "";
        duck.Execute($"CREATE VIEW fct_game_details AS SELECT * FROM {Duck.ReadTable(Path.Combine(lake, "silver", "fct_game_details"))}{filter}");
        var differences = new List<string>();
        foreach (var table in Tables)
        {
            var sql = File.ReadAllText(Path.Combine(Repo.Root, "sql", "gold", table + ".sql"))
                .Replace("${stretch_games}", stretchGames.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("${streak_threshold}", streakThreshold.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("${streak_player}", Duck.Literal(streakPlayer), StringComparison.Ordinal);
            duck.Execute($"CREATE TABLE {table} AS {sql}");
            var gold = $"read_parquet({Duck.Literal(Path.Combine(lake, "gold", table, "**", "*.parquet"))})";
            duck.Execute($"CREATE VIEW gold_{table} AS SELECT * FROM {gold}");

            var expectedSchema = duck.Schema(table);
            var actualSchema = duck.Schema($"gold_{table}");
            if (!expectedSchema.SequenceEqual(actualSchema))
            {
                differences.Add($"{table}: schema differs. SQL: [{string.Join(", ", expectedSchema)}] job: [{string.Join(", ", actualSchema)}]");
                continue;
            }
            differences.AddRange(duck.Rows($"SELECT * FROM {table} EXCEPT ALL SELECT * FROM gold_{table} ORDER BY ALL LIMIT 20").Select(r => $"{table}: only in SQL: {r}"));
            differences.AddRange(duck.Rows($"SELECT * FROM gold_{table} EXCEPT ALL SELECT * FROM {table} ORDER BY ALL LIMIT 20").Select(r => $"{table}: only in job: {r}"));
        }
        return differences;
    }
}
