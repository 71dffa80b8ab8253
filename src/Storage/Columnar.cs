using System.Reflection;
using System.Text.Json.Serialization;
using IArrowArray = Apache.Arrow.IArrowArray;
using ParquetSharp;

namespace NbaLake.Storage;

/// <summary>
/// Parquet for the wide, hot tables (bronze, silver box scores) through ParquetSharp (Apache Arrow's C++ Parquet):
/// dictionary encoding, Snappy, statistics on every column, bounded row groups. Measured against Parquet.Net in
/// docs/decisions.md: about twice as fast to write, four times as fast to read, a third of the bytes.
/// </summary>
public static class Columnar
{
    /// <summary>
    /// Rows from which a row group's work is split across the cores: its columns decoded, typed or encoded at once (a
    /// season's 33,000 box scores are split, a day's file of a few rows is not). Every such split is bounded to one
    /// piece per core, which bounds the memory it holds.
    /// </summary>
    public const int SplitRows = 8192;

    /// <summary>Row groups hold at most this many rows (readers parallelise and skip by row group).</summary>
    public const int MaxRowGroupRows = 1 << 20;

    /// <summary>The longest min or max value a column's statistics hold (Arrow's default, said here on purpose).</summary>
    public const ulong MaxStatisticsBytes = 4096;

    /// <summary>Dates are <see cref="DateOnly"/>, as in the rest of the lake.</summary>
    public static LogicalTypeFactory Types { get; } = new() { DateAsDateOnly = true };

    /// <summary>
    /// Loads the native Parquet library and writes and reads back, in memory, one row with a column of every type the
    /// lake's tables use: the first write and read of a type (ParquetSharp's converters, the compiled code) cost tens
    /// of milliseconds each, which a run that finds nothing new pays when it reads the answers and commits its ops row.
    /// </summary>
    internal static void Warm()
    {
        using var bytes = new MemoryStream();
        using (var properties = Properties())
        using (var writer = new ParquetFileWriter(bytes, Rows<WarmRow>().Columns, Types, properties, leaveOpen: true))
        {
            Rows<WarmRow>().Write(writer, [new WarmRow()]);
        }
        bytes.Position = 0;
        using var reader = new ParquetFileReader(bytes, leaveOpen: true) { LogicalTypeFactory = Types };
        Rows<WarmRow>().Read(reader);
    }

    /// <summary>A row of every column type of the lake's row types (see <see cref="Warm"/>).</summary>
    private sealed class WarmRow
    {
        [JsonPropertyName("text")] public string? Text { get; set; } = "text";

        [JsonPropertyName("int")] public int Int { get; set; }

        [JsonPropertyName("int_or_null")] public int? IntOrNull { get; set; }

        [JsonPropertyName("long")] public long Long { get; set; }

        [JsonPropertyName("long_or_null")] public long? LongOrNull { get; set; }

        [JsonPropertyName("double_or_null")] public double? DoubleOrNull { get; set; }

        [JsonPropertyName("flag")] public bool Flag { get; set; }

        [JsonPropertyName("date")] public DateOnly Date { get; set; }

        [JsonPropertyName("date_or_null")] public DateOnly? DateOrNull { get; set; }

        [JsonPropertyName("time")] public DateTime Time { get; set; } = DateTime.UnixEpoch;

        [JsonPropertyName("time_or_null")] public DateTime? TimeOrNull { get; set; }
    }

    /// <summary>A writer of one Parquet file with the lake's settings.</summary>
    public static ParquetFileWriter CreateWriter(string path, Column[] columns)
    {
        using var properties = Properties();
        return new ParquetFileWriter(path, columns, Types, properties);
    }

    /// <summary>
    /// A writer of one Parquet file, with the lake's settings, fed Arrow arrays a column chunk at a time: text given as
    /// a dictionary array is encoded from its distinct values, not value by value (bronze's writer). The Parquet file
    /// is the same as <see cref="CreateWriter"/> writes for the same columns (no Arrow schema is stored in it), except
    /// that the columns named in <paramref name="withoutStatistics"/> get no min/max statistics.
    /// </summary>
    public static ParquetSharp.Arrow.FileWriter CreateArrowWriter(string path, Apache.Arrow.Schema schema, IReadOnlyList<string> withoutStatistics)
    {
        using var properties = Properties(withoutStatistics);
        return new ParquetSharp.Arrow.FileWriter(path, schema, properties);
    }

    private static WriterProperties Properties(IReadOnlyList<string>? withoutStatistics = null)
    {
        using var builder = new WriterPropertiesBuilder()
            .Compression(Compression.Snappy)
            .EnableDictionary()
            .EnableStatistics()
            // A text value longer than this gets no min/max statistics: a long raw record is stored once, not three times.
            .SetMaxStatisticsSize(MaxStatisticsBytes)
            .MaxRowGroupLength(MaxRowGroupRows)
            .CreatedBy("NbaLake (ParquetSharp " + typeof(ParquetFileWriter).Assembly.GetName().Version + ")");
        foreach (var column in withoutStatistics ?? [])
        {
            builder.DisableStatistics(column);
        }
        return builder.Build();
    }

    /// <summary>The schema a row type's files have, as the commit log records it (for a table before its first commit).</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2071", Justification = Aot.OwnTypes)]
    public static IReadOnlyList<string> SchemaOf(Type rowType) =>
        (IReadOnlyList<string>)typeof(ColumnarRows<>).MakeGenericType(rowType).GetProperty(nameof(ColumnarRows<object>.Schema))!
            .GetValue(typeof(Columnar).GetMethod(nameof(Rows))!.MakeGenericMethod(rowType).Invoke(null, null))!;

    /// <summary>The column mapping of a row type (built once per type).</summary>
    public static ColumnarRows<T> Rows<T>()
        where T : class, new() => RowsOf<T>.Instance;

    public static ParquetFileReader OpenReader(string path) => new(path) { LogicalTypeFactory = Types };

    /// <summary>
    /// Reads the named columns of a file as Arrow arrays (in the order asked), a batch per row group at most, text
    /// columns as dictionaries (so each distinct value is decoded once). A column the file lacks is an error.
    /// </summary>
    public static void ReadBatches(string path, IReadOnlyList<string> columns, Action<int, IArrowArray[]> onBatch)
    {
        int[] wanted, text;
        using (var footer = OpenReader(path))
        {
            var schema = footer.FileMetaData.Schema;
            var byName = Enumerable.Range(0, schema.NumColumns).ToDictionary(i => schema.Column(i).Name, StringComparer.Ordinal);
            wanted = [.. columns.Select(c => byName.TryGetValue(c, out var i) ? i : throw new InvalidDataException($"{path} has no column {c}."))];
            text = [.. wanted.Where(i => schema.Column(i).PhysicalType == PhysicalType.ByteArray)];
        }
        using var arrow = ParquetSharp.Arrow.ArrowReaderProperties.GetDefault();
        arrow.BatchSize = MaxRowGroupRows;
        arrow.UseThreads = true; // a row group's columns decoded on every core
        foreach (var index in text)
        {
            arrow.SetReadDictionary(index, true);
        }
        using var reader = new ParquetSharp.Arrow.FileReader(path, arrowProperties: arrow);
        var fields = reader.SchemaManifest.SchemaFields;
        var fieldOf = wanted.Select(c => Enumerable.Range(0, fields.Count).First(f => fields[f].ColumnIndex == c)).ToArray();
        using var batches = reader.GetRecordBatchReader(columns: [.. fieldOf.Order()]);
        while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            using (batch)
            {
                onBatch(batch.Length, [.. columns.Select(c => batch.Column(batch.Schema.GetFieldIndex(c)))]);
            }
        }
    }

    /// <summary>How many rows of a file hold each value of a text column (nulls left out), reading that column alone as a dictionary.</summary>
    public static IReadOnlyDictionary<string, long> CountValues(string path, string column)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        ReadBatches(path, [column], (count, arrays) =>
        {
            using var text = TextColumn.From(arrays[0]);
            for (var i = 0; i < count; i++)
            {
                if (text[i] is { } value)
                {
                    counts[value] = counts.GetValueOrDefault(value) + 1;
                }
            }
        });
        return counts;
    }

    /// <summary>Whether bit <paramref name="index"/> of an Arrow validity bitmap is set (an empty bitmap means all valid).</summary>
    public static bool IsValid(ReadOnlySpan<byte> bitmap, int index) => bitmap.IsEmpty || (bitmap[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>Writes one column of a row group.</summary>
    public static void WriteColumn<TValue>(ColumnWriter column, TValue[] values, int count)
    {
        using var writer = column.LogicalWriter<TValue>();
        writer.WriteBatch(values, 0, count);
    }

    /// <summary>The columns as the commit log records them: one "name: Type" per column, "?" when nullable.</summary>
    public static IReadOnlyList<string> SchemaText(IEnumerable<Column> columns) =>
        [.. columns.Select(c => $"{c.Name}: {(Nullable.GetUnderlyingType(c.LogicalSystemType) ?? c.LogicalSystemType).Name}" +
            (!c.LogicalSystemType.IsValueType || Nullable.GetUnderlyingType(c.LogicalSystemType) is not null ? "?" : ""))];

    private static class RowsOf<T>
        where T : class, new()
    {
        public static readonly ColumnarRows<T> Instance = new();
    }
}

/// <summary>
/// Rows of a class to and from Parquet columns: one column per property that has a <see cref="JsonPropertyNameAttribute"/>
/// (the column name), in declaration order; other properties are not columns. A row type
/// is described once and read or written with any subset of its columns.
/// </summary>
public sealed class ColumnarRows<T>
    where T : class, new()
{
    private readonly IReadOnlyList<IColumnAccess> columns;

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2090", Justification = Aot.OwnTypes)]
    internal ColumnarRows()
    {
        columns = [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .Select(Access)];
        Columns = [.. columns.Select(c => c.Column)];
        Schema = Columnar.SchemaText(Columns);
    }

    public Column[] Columns { get; }

    public IReadOnlyList<string> Schema { get; }

    /// <summary>A table file holding <paramref name="rows"/> in the order given.</summary>
    public TableFile File(string relativePath, IReadOnlyList<T> rows, string? partition = null) =>
        new(relativePath, rows.Count, (path, _) =>
        {
            Write(path, rows);
            return Task.CompletedTask;
        }, Schema, partition);

    /// <summary>Writes every row, in row groups of at most <see cref="Columnar.MaxRowGroupRows"/>.</summary>
    public void Write(string path, IReadOnlyList<T> rows) => Write(path, rows, Columnar.SplitRows);

    /// <summary>Writes every row, the columns of a row group of <paramref name="columnsAtOnceRows"/> rows or more all at once.</summary>
    internal void Write(string path, IReadOnlyList<T> rows, int columnsAtOnceRows)
    {
        using var writer = Columnar.CreateWriter(path, Columns);
        Write(writer, rows, columnsAtOnceRows);
    }

    /// <summary>Writes every row with <paramref name="writer"/> (made for <see cref="Columns"/>), and closes it.</summary>
    internal void Write(ParquetFileWriter writer, IReadOnlyList<T> rows, int columnsAtOnceRows = Columnar.SplitRows)
    {
        for (var start = 0; start < rows.Count || (start == 0 && rows.Count == 0); start += Columnar.MaxRowGroupRows)
        {
            var count = Math.Min(Columnar.MaxRowGroupRows, rows.Count - start);
            if (count >= columnsAtOnceRows && Environment.ProcessorCount > 1)
            {
                // Each column is encoded into a buffer of its own, all at once; the row group is written when it closes.
                using var buffered = writer.AppendBufferedRowGroup();
                // One column per core at a time: each holds a rented array of the row group's values.
                Parallel.For(0, columns.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                    c => columns[c].Write(buffered.Column(c), rows, start, count));
            }
            else
            {
                using var group = writer.AppendRowGroup();
                foreach (var column in columns)
                {
                    column.Write(group.NextColumn(), rows, start, count);
                }
            }
            if (rows.Count == 0)
            {
                break;
            }
        }
        writer.Close();
    }

    /// <summary>Every row of a file; only the named columns are read (all when null), the other properties keep their defaults.</summary>
    public List<T> Read(string path, IReadOnlySet<string>? only = null)
    {
        using var reader = Columnar.OpenReader(path);
        return Read(reader, only);
    }

    /// <summary>Every row <paramref name="reader"/> holds (see <see cref="Read(string, IReadOnlySet{string}?)"/>).</summary>
    internal List<T> Read(ParquetFileReader reader, IReadOnlySet<string>? only = null)
    {
        var names = Enumerable.Range(0, reader.FileMetaData.NumColumns).ToDictionary(i => reader.FileMetaData.Schema.Column(i).Name, StringComparer.Ordinal);
        var rows = new List<T>((int)reader.FileMetaData.NumRows);
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            var count = checked((int)group.MetaData.NumRows);
            var start = rows.Count;
            for (var i = 0; i < count; i++)
            {
                rows.Add(new T());
            }
            foreach (var column in columns.Where(c => only is null || only.Contains(c.Column.Name)))
            {
                column.Read(group, names[column.Column.Name], rows, start, count);
            }
        }
        return rows;
    }

    /// <summary>
    /// The accessor of one property, its value type named here (so that code compiled ahead of time has each one).
    /// </summary>
    private static IColumnAccess Access(PropertyInfo property) => property.PropertyType switch
    {
        var t when t == typeof(string) => new ColumnAccess<string>(property),
        var t when t == typeof(int) => new ColumnAccess<int>(property),
        var t when t == typeof(int?) => new ColumnAccess<int?>(property),
        var t when t == typeof(long) => new ColumnAccess<long>(property),
        var t when t == typeof(long?) => new ColumnAccess<long?>(property),
        var t when t == typeof(double) => new ColumnAccess<double>(property),
        var t when t == typeof(double?) => new ColumnAccess<double?>(property),
        var t when t == typeof(bool) => new ColumnAccess<bool>(property),
        var t when t == typeof(bool?) => new ColumnAccess<bool?>(property),
        var t when t == typeof(DateOnly) => new ColumnAccess<DateOnly>(property),
        var t when t == typeof(DateOnly?) => new ColumnAccess<DateOnly?>(property),
        var t when t == typeof(DateTime) => new ColumnAccess<DateTime>(property),
        var t when t == typeof(DateTime?) => new ColumnAccess<DateTime?>(property),
        var t => throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is a {t.Name}: a column is text, a whole number, a double, a flag, a date or a time (ColumnarRows.Access; a new type needs its line there and in src/NbaLake/aot.rd.xml)."),
    };

    private interface IColumnAccess
    {
        Column Column { get; }

        void Write(ColumnWriter column, IReadOnlyList<T> rows, int start, int count);

        void Read(RowGroupReader group, int index, List<T> rows, int start, int count);
    }

    private sealed class ColumnAccess<TValue>(PropertyInfo property) : IColumnAccess
    {
        private readonly Func<T, TValue> get = property.GetGetMethod()!.CreateDelegate<Func<T, TValue>>();
        private readonly Action<T, TValue> set = property.GetSetMethod()!.CreateDelegate<Action<T, TValue>>();

        public Column Column { get; } = new Column<TValue>(property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);

        public void Write(ColumnWriter column, IReadOnlyList<T> rows, int start, int count)
        {
            var values = System.Buffers.ArrayPool<TValue>.Shared.Rent(Math.Max(count, 1));
            for (var i = 0; i < count; i++)
            {
                values[i] = get(rows[start + i]);
            }
            Columnar.WriteColumn(column, values, count);
            System.Buffers.ArrayPool<TValue>.Shared.Return(values, clearArray: !typeof(TValue).IsValueType);
        }

        public void Read(RowGroupReader group, int index, List<T> rows, int start, int count)
        {
            using var reader = group.Column(index).LogicalReader<TValue>();
            var values = System.Buffers.ArrayPool<TValue>.Shared.Rent(Math.Max(count, 1));
            var read = 0;
            while (read < count && reader.ReadBatch(values.AsSpan(read, count - read)) is var n and > 0)
            {
                read += n;
            }
            for (var i = 0; i < read; i++)
            {
                set(rows[start + i], values[i]);
            }
            System.Buffers.ArrayPool<TValue>.Shared.Return(values, clearArray: !typeof(TValue).IsValueType);
        }
    }
}
