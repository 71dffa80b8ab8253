namespace NbaLake.Tests.Support;

/// <summary>
/// Runs the repo's <c>sql/silver/*.sql</c> definitions in DuckDB over the bronze Parquet a job wrote, and compares
/// silver, silver rejects and the accounting row for row with what the job wrote: an implementation of silver that
/// shares no code with the job's, so a silver bug cannot flow into both sides as it does into <see cref="GoldSql"/>.
/// </summary>
public static class SilverSql
{
    /// <summary>The files in the order they run: each reads the views and tables made before it.</summary>
    public static readonly string[] Steps = ["typed_games", "games", "typed_game_details", "fct_game_details", "_rejects", "accounting"];

    /// <summary>Every difference found, as readable lines; empty when the job's silver equals the SQL's row for row.</summary>
    public static List<string> Compare(string lake)
    {
        using var duck = new Duck();
        PortableSql.AddDuckDbShims(duck);
        duck.Execute($"CREATE VIEW bronze_games AS SELECT * FROM {Duck.ReadTable(Path.Combine(lake, "bronze", "games"))}");
        duck.Execute($"CREATE VIEW bronze_game_details AS SELECT * FROM {Duck.ReadTable(Path.Combine(lake, "bronze", "game_details"))}");
        foreach (var step in Steps)
        {
            duck.Execute($"CREATE TABLE \"{step}\" AS {File.ReadAllText(Path.Combine(Repo.Root, "sql", "silver", step + ".sql"))}");
        }

        string Job(string table) => Duck.ReadTable(Path.Combine(lake, "silver", table));
        // The latest run's accounting of each silver table, as the job logged it.
        var runs = Duck.ReadTable(Path.Combine(lake, "_ops", "pipeline_runs"));
        var differences = new List<string>();
        differences.AddRange(Differences(duck, "games", "SELECT * FROM games", $"SELECT * FROM {Job("games")}"));
        differences.AddRange(Differences(duck, "fct_game_details", "SELECT * FROM fct_game_details", $"SELECT * FROM {Job("fct_game_details")}"));
        // The job's rejects also carry a sentence for a person (detail): prose, not defined by the SQL.
        differences.AddRange(Differences(duck, "_rejects", "SELECT * FROM _rejects", $"SELECT * EXCLUDE (detail) FROM {Job("_rejects")}"));
        differences.AddRange(Differences(duck, "accounting", "SELECT * FROM accounting", $"""
            SELECT table_name, rows_in, rows_out, duplicates, rejects FROM {runs}
            WHERE stage = 'transform' AND table_name LIKE 'silver.%'
              AND run_id = (SELECT max(run_id) FROM {runs} WHERE stage = 'transform' AND table_name IS NOT NULL)
            """));
        return differences;
    }

    private static IEnumerable<string> Differences(Duck duck, string table, string sql, string job)
    {
        var expected = duck.Schema($"({sql})");
        var actual = duck.Schema($"({job})");
        if (!expected.SequenceEqual(actual))
        {
            return [$"{table}: schema differs. SQL: [{string.Join(", ", expected)}] job: [{string.Join(", ", actual)}]"];
        }
        var rows = Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM ({sql})"), System.Globalization.CultureInfo.InvariantCulture);
        return duck.Rows($"({sql}) EXCEPT ALL ({job}) ORDER BY ALL LIMIT 20").Select(r => $"{table}: only in SQL: {r}")
            .Concat(duck.Rows($"({job}) EXCEPT ALL ({sql}) ORDER BY ALL LIMIT 20").Select(r => $"{table}: only in job: {r}"))
            .Concat(rows == 0 && table != "_rejects" ? [$"{table}: the SQL made no row: nothing was compared"] : []);
    }
}
