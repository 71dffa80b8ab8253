using System.Globalization;
using DuckDB.NET.Data;

namespace NbaLake.Bench;

/// <summary>
/// The peer: the same pipeline written in SQL and run by DuckDB (in process, in its own OS process when the bench
/// starts it): CSV → bronze Parquet (bench/peer/bronze.sql), silver with the contract's typing, dedupe and join
/// (bench/peer/silver.sql), and the four gold tables from the repo's own sql/gold definitions.
/// </summary>
public static class Peer
{
    public static void Run(string repo, string landing, string lake)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        string Sql(string path, params (string Key, string Value)[] parameters) =>
            parameters.Aggregate(File.ReadAllText(path), (sql, p) => sql.Replace("${" + p.Key + "}", p.Value, StringComparison.Ordinal));
        void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        foreach (var (source, glob) in new[] { ("games", "games*.csv"), ("game_details", "games_details*.csv") })
        {
            Directory.CreateDirectory(Path.Combine(lake, "bronze", source));
            var files = Directory.GetFiles(landing, glob).Where(f => source != "games" || !Path.GetFileName(f).StartsWith("games_details", StringComparison.Ordinal)).Order().ToList();
            for (var i = 0; i < files.Count; i++)
            {
                Execute(Sql(Path.Combine(repo, "bench", "peer", "bronze.sql"), ("landing", landing), ("lake", lake), ("source", source), ("file", Path.GetFileName(files[i])))
                    .Replace("part-0.parquet", $"part-{i}.parquet", StringComparison.Ordinal));
            }
        }
        Directory.CreateDirectory(Path.Combine(lake, "silver", "games"));
        Execute(Sql(Path.Combine(repo, "bench", "peer", "silver.sql"), ("lake", lake)));
        foreach (var table in new[] { "agg_game_details", "team_best_stretch", "player_scoring_streaks", "answers" })
        {
            var sql = Sql(Path.Combine(repo, "sql", "gold", table + ".sql"),
                ("stretch_games", "90"), ("streak_threshold", "10"), ("streak_player", "'LeBron James'"));
            Directory.CreateDirectory(Path.Combine(lake, "gold", table));
            Execute($"CREATE TABLE {table} AS {sql}");
            Execute($"COPY {table} TO '{Path.Combine(lake, "gold", table, "part-0.parquet")}' (FORMAT parquet)");
        }
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM fct_game_details";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb peer: {count.ExecuteScalar()} silver box-score rows"));
    }
}
