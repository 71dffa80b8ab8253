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
    public void Write(string path, IReadOnlyList<T> rows) => Write(path, rows, ColumnsAtOnceRows);

    /// <summary>Writes every row, the columns of a row group of <paramref name="columnsAtOnceRows"/> rows or more all at once.</summary>
    internal void Write(string path, IReadOnlyList<T> rows, int columnsAtOnceRows)
    {
        using var writer = Columnar.CreateWriter(path, Columns);
        Write(writer, rows, columnsAtOnceRows);
    }

    /// <summary>Writes every row with <paramref name="writer"/> (made for <see cref="Columns"/>), and closes it.</summary>
    internal void Write(ParquetFileWriter writer, IReadOnlyList<T> rows, int columnsAtOnceRows = ColumnsAtOnceRows)
    {
        for (var start = 0; start < rows.Count || (start == 0 && rows.Count == 0); start += Columnar.MaxRowGroupRows)
        {
            var count = Math.Min(Columnar.MaxRowGroupRows, rows.Count - start);
            var atOnce = count >= columnsAtOnceRows && Environment.ProcessorCount > 1;
            // Each column is encoded into a buffer of its own (the row group is written out when it closes), so the
            // columns are fed block by block: each row read once, while it is in the cache, not once per column.
            using var group = writer.AppendBufferedRowGroup();
            var blocks = columns.Select((c, i) => c.Writer(group.Column(i))).ToArray();
            try
            {
                for (var from = start; from < start + count; from += BlockRows)
                {
                    var n = Math.Min(BlockRows, start + count - from);
                    for (var i = 0; i < n; i++)
                    {
                        var row = rows[from + i];
                        foreach (var block in blocks)
                        {
                            block.Take(row, i);
                        }
                    }
                    if (atOnce)
                    {
                        Parallel.ForEach(blocks, block => block.Write(n));
                    }
                    else
                    {
                        Array.ForEach(blocks, block => block.Write(n));
                    }
                }
            }
            finally
            {
                Array.ForEach(blocks, block => block.Dispose());
            }
            if (rows.Count == 0)
            {
                break;
            }
        }
        writer.Close();
    }

    /// <summary>
    /// Rows from which a row group's columns are encoded on every core at once (a silver bucket's box scores, a gold
    /// table): a day's run writes one bucket, and its columns would otherwise take turns on one core.
    /// </summary>
    private const int ColumnsAtOnceRows = 8192;

    /// <summary>Rows of a block: moved between the row objects and the columns together (a multiple of ParquetSharp's own batch).</summary>
    private const int BlockRows = 4096;

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
        var chosen = columns.Where(c => only is null || only.Contains(c.Column.Name)).ToList();
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
            // Block by block, as written: each row set once, while it is in the cache, not once per column.
            var blocks = chosen.Select(c => c.Reader(group.Column(names[c.Column.Name]))).ToArray();
            try
            {
                for (var from = 0; from < count; from += BlockRows)
                {
                    var n = Math.Min(BlockRows, count - from);
                    Array.ForEach(blocks, block => block.Read(n));
                    for (var i = 0; i < n; i++)
                    {
                        var row = rows[start + from + i];
                        foreach (var block in blocks)
                        {
                            block.Set(row, i);
                        }
                    }
                }
            }
            finally
            {
                Array.ForEach(blocks, block => block.Dispose());
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

        /// <summary>A block-by-block writer of this column into <paramref name="column"/>.</summary>
        IColumnBlock Writer(ColumnWriter column);

        /// <summary>A block-by-block reader of this column from <paramref name="column"/>.</summary>
        IColumnReadBlock Reader(ColumnReader column);
    }

    /// <summary>A block of one column's values on its way from the column's reader to the rows.</summary>
    private interface IColumnReadBlock : IDisposable
    {
        void Read(int count);

        void Set(T row, int index);
    }

    /// <summary>A block of one column's values on its way from the rows to the column's writer.</summary>
    private interface IColumnBlock : IDisposable
    {
        void Take(T row, int index);

        void Write(int count);
    }

    private sealed class ColumnAccess<TValue>(PropertyInfo property) : IColumnAccess
    {
        private readonly Func<T, TValue> get = property.GetGetMethod()!.CreateDelegate<Func<T, TValue>>();
        private readonly Action<T, TValue> set = property.GetSetMethod()!.CreateDelegate<Action<T, TValue>>();

        public Column Column { get; } = new Column<TValue>(property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);

        public IColumnBlock Writer(ColumnWriter column) => new Block(get, column.LogicalWriter<TValue>());

        private sealed class Block(Func<T, TValue> get, LogicalColumnWriter<TValue> writer) : IColumnBlock
        {
            private readonly TValue[] values = System.Buffers.ArrayPool<TValue>.Shared.Rent(BlockRows);

            public void Take(T row, int index) => values[index] = get(row);

            public void Write(int count) => writer.WriteBatch(values, 0, count);

            public void Dispose()
            {
                writer.Dispose();
                System.Buffers.ArrayPool<TValue>.Shared.Return(values, clearArray: !typeof(TValue).IsValueType);
            }
        }

        public IColumnReadBlock Reader(ColumnReader column) => new ReadBlock(set, column.LogicalReader<TValue>());

        private sealed class ReadBlock(Action<T, TValue> set, LogicalColumnReader<TValue> reader) : IColumnReadBlock
        {
            private readonly TValue[] values = System.Buffers.ArrayPool<TValue>.Shared.Rent(BlockRows);
            private int filled;

            /// <summary>Reads the block's values (fewer only if the column ends early: the rows past its end keep their defaults).</summary>
            public void Read(int count)
            {
                filled = 0;
                while (filled < count && reader.ReadBatch(values.AsSpan(filled, count - filled)) is var n and > 0)
                {
                    filled += n;
                }
            }

            public void Set(T row, int index)
            {
                if (index < filled)
                {
                    set(row, values[index]);
                }
            }

            public void Dispose()
            {
                reader.Dispose();
                System.Buffers.ArrayPool<TValue>.Shared.Return(values, clearArray: !typeof(TValue).IsValueType);
            }
        }
    }
}
