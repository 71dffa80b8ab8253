using System.Globalization;
using DuckDB.NET.Data;

namespace NbaLake.Tests.Support;

/// <summary>DuckDB in process: the independent engine the tests read the lake with.</summary>
public sealed class Duck : IDisposable
{
    private readonly DuckDBConnection connection = new("DataSource=:memory:");

    public Duck() => connection.Open();

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary><c>read_parquet</c> over every Parquet file below a table folder, as an analyst would glob it.</summary>
    public static string ReadTable(string folder) =>
        $"read_parquet({Literal(Path.Combine(folder, "**", "*.parquet"))}, hive_partitioning = false)";

    public void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Each row as text: values joined by " | ", null as "null", dates as yyyy-MM-dd.</summary>
    public List<string> Rows(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values[i] = reader.IsDBNull(i) ? "null" : Format(reader.GetValue(i));
            }
            rows.Add(string.Join(" | ", values));
        }
        return rows;
    }

    /// <summary>Each row's values as DuckDB.NET gives them (<see cref="DBNull"/> as null).</summary>
    public List<object?[]> Values(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(values);
        }
        return rows;
    }

    /// <summary>The columns of a relation or query as "name: TYPE".</summary>
    public List<string> Schema(string relation) => Rows($"SELECT column_name || ': ' || column_type FROM (DESCRIBE {relation})");

    private static string Format(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public void Dispose() => connection.Dispose();
}
