using System.Text.Json.Serialization;
using NbaLake.Storage;

namespace NbaLake.Tests.Storage;

/// <summary>Rows of a class to Parquet columns and back: every column type the lake's row types may use, and no other.</summary>
public class ColumnarRowsTests
{
    [Fact]
    public void A_row_of_every_column_type_is_read_back_as_written_nulls_included()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("nbalake-columnar-").FullName, "rows.parquet");
        EveryType[] rows =
        [
            new()
            {
                Text = "LAL", Int = -3, IntOrNull = 7, Long = 1L << 40, LongOrNull = -1, Double = 0.25, DoubleOrNull = 1.5, Flag = true,
                FlagOrNull = false, Date = new DateOnly(2021, 12, 27), DateOrNull = new DateOnly(1946, 11, 1),
                Time = new DateTime(2026, 12, 4, 9, 30, 0, 123, DateTimeKind.Utc), TimeOrNull = DateTime.UnixEpoch,
            },
            new() { Text = null, Time = DateTime.UnixEpoch },
        ];

        Columnar.Rows<EveryType>().Write(path, rows);
        var back = Columnar.Rows<EveryType>().Read(path);

        Assert.Equal(rows, back);
        Assert.Equal(
            ["text: String?", "int: Int32", "int_or_null: Int32?", "long: Int64", "long_or_null: Int64?", "double: Double", "double_or_null: Double?",
                "flag: Boolean", "flag_or_null: Boolean?", "date: DateOnly", "date_or_null: DateOnly?", "time: DateTime", "time_or_null: DateTime?"],
            Columnar.Rows<EveryType>().Schema);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void A_row_group_whose_columns_are_encoded_all_at_once_or_in_turn_is_the_file_written_a_whole_column_at_a_time()
    {
        var folder = Directory.CreateTempSubdirectory("nbalake-columnar-").FullName;
        var random = new Random(19);
        var rows = Enumerable.Range(0, 20_000).Select(i => new EveryType
        {
            Text = random.Next(50) == 0 ? null : "team " + random.Next(40), Int = i, IntOrNull = random.Next(9) == 0 ? null : random.Next(100),
            Long = random.NextInt64(), Double = random.NextDouble(), DoubleOrNull = random.Next(3) == 0 ? null : random.Next(20) / 4.0, Flag = i % 3 == 0,
            Date = new DateOnly(2003, 10, 28).AddDays(random.Next(7000)), Time = DateTime.UnixEpoch.AddSeconds(i),
        }).ToList();
        var (atOnce, inTurn, whole) = (Path.Combine(folder, "at-once.parquet"), Path.Combine(folder, "in-turn.parquet"), Path.Combine(folder, "whole.parquet"));

        Columnar.Rows<EveryType>().Write(atOnce, rows, columnsAtOnceRows: 1);
        Columnar.Rows<EveryType>().Write(inTurn, rows, columnsAtOnceRows: int.MaxValue);
        // The reference: ParquetSharp given each column whole, in schema order.
        using (var writer = Columnar.CreateWriter(whole, Columnar.Rows<EveryType>().Columns))
        {
            using (var group = writer.AppendRowGroup())
            {
                Whole(group, rows.Select(r => r.Text));
                Whole(group, rows.Select(r => r.Int));
                Whole(group, rows.Select(r => r.IntOrNull));
                Whole(group, rows.Select(r => r.Long));
                Whole(group, rows.Select(r => r.LongOrNull));
                Whole(group, rows.Select(r => r.Double));
                Whole(group, rows.Select(r => r.DoubleOrNull));
                Whole(group, rows.Select(r => r.Flag));
                Whole(group, rows.Select(r => r.FlagOrNull));
                Whole(group, rows.Select(r => r.Date));
                Whole(group, rows.Select(r => r.DateOrNull));
                Whole(group, rows.Select(r => r.Time));
                Whole(group, rows.Select(r => r.TimeOrNull));
            }
            writer.Close();
        }

        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(inTurn));
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(atOnce));
        Assert.Equal(rows, Columnar.Rows<EveryType>().Read(atOnce));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_row_type_with_a_column_of_another_type_is_refused_by_name()
    {
        var refused = Assert.Throws<TypeInitializationException>(() => Columnar.Rows<WithDecimal>());

        Assert.Equal(
            "WithDecimal.Price is a Decimal: a column is text, a whole number, a double, a flag, a date or a time (ColumnarRows.Access; a new type needs its line there and in src/NbaLake/aot.rd.xml).",
            Assert.IsType<NotSupportedException>(refused.InnerException).Message);
    }

    private static void Whole<TValue>(ParquetSharp.RowGroupWriter group, IEnumerable<TValue> values)
    {
        using var column = group.NextColumn().LogicalWriter<TValue>();
        column.WriteBatch([.. values]);
    }

    private sealed record EveryType
    {
        [JsonPropertyName("text")] public string? Text { get; set; }

        [JsonPropertyName("int")] public int Int { get; set; }

        [JsonPropertyName("int_or_null")] public int? IntOrNull { get; set; }

        [JsonPropertyName("long")] public long Long { get; set; }

        [JsonPropertyName("long_or_null")] public long? LongOrNull { get; set; }

        [JsonPropertyName("double")] public double Double { get; set; }

        [JsonPropertyName("double_or_null")] public double? DoubleOrNull { get; set; }

        [JsonPropertyName("flag")] public bool Flag { get; set; }

        [JsonPropertyName("flag_or_null")] public bool? FlagOrNull { get; set; }

        [JsonPropertyName("date")] public DateOnly Date { get; set; }

        [JsonPropertyName("date_or_null")] public DateOnly? DateOrNull { get; set; }

        [JsonPropertyName("time")] public DateTime Time { get; set; }

        [JsonPropertyName("time_or_null")] public DateTime? TimeOrNull { get; set; }
    }

    private sealed class WithDecimal
    {
        [JsonPropertyName("price")] public decimal Price { get; set; }
    }
}
