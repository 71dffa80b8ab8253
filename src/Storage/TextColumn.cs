using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace NbaLake.Storage;

/// <summary>
/// A column of text as Parquet dictionary-encodes it: the distinct values once, and per row an index into them
/// (-1 for null). Readers that turn text into typed values do it once per distinct value, not once per row. The
/// index array of a column read from a file is rented: <see cref="Dispose"/> gives it back once the row group is done.
/// </summary>
public sealed class TextColumn : IDisposable
{
    private int[]? rented;

    private TextColumn(string?[] values, int[] indices, int count, bool pooled)
    {
        Values = values;
        Indices = indices;
        Count = count;
        rented = pooled ? indices : null;
    }

    /// <summary>The distinct values (or, for a column read without a dictionary, one per row).</summary>
    public string?[] Values { get; }

    /// <summary>Per row, the index of its value in <see cref="Values"/>; -1 when the row's value is null. May be longer than <see cref="Count"/>.</summary>
    public int[] Indices { get; }

    public int Count { get; }

    public string? this[int row] => Indices[row] < 0 ? null : Values[Indices[row]];

    /// <summary>A column holding these values, one index per row (rows read from CSV, tests).</summary>
    public static TextColumn Of(IReadOnlyList<string?> rows) =>
        new([.. rows], [.. Enumerable.Range(0, rows.Count).Select(i => rows[i] is null ? -1 : i)], rows.Count, pooled: false);

    /// <summary>An Arrow string or dictionary-of-string array as a text column (the distinct values become .NET strings once).</summary>
    public static TextColumn From(IArrowArray array)
    {
        var count = array.Length;
        var indices = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        switch (array)
        {
            case DictionaryArray { Dictionary: StringArray dictionary, Indices: Int32Array codes }:
            {
                var values = new string?[dictionary.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = dictionary.GetString(i);
                }
                codes.Values.CopyTo(indices);
                if (codes.NullCount > 0)
                {
                    var valid = codes.NullBitmapBuffer.Span;
                    for (var i = 0; i < count; i++)
                    {
                        if (!Columnar.IsValid(valid, codes.Offset + i))
                        {
                            indices[i] = -1;
                        }
                    }
                }
                return new TextColumn(values, indices, count, pooled: true);
            }
            case StringArray strings:
            {
                var values = new string?[count];
                for (var i = 0; i < count; i++)
                {
                    values[i] = strings.GetString(i);
                    indices[i] = strings.IsNull(i) ? -1 : i;
                }
                return new TextColumn(values, indices, count, pooled: true);
            }
            default:
                ArrayPool<int>.Shared.Return(indices);
                throw new InvalidDataException($"Expected a text column, found Arrow type {array.Data.DataType.Name}.");
        }
    }

    /// <summary>
    /// Text values as an Arrow dictionary array, the inverse of <see cref="From"/>: each distinct value once, an index per
    /// row, null kept as null. <paramref name="chunks"/> hands over the values, chunk after chunk (an array and how many
    /// of its values to take), <paramref name="count"/> values in all.
    /// </summary>
    public static DictionaryArray ToArrow(int count, Action<Action<string?[], int>> chunks)
    {
        var codes = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        var valid = ArrayPool<byte>.Shared.Rent((count + 7) / 8);
        System.Array.Clear(valid, 0, (count + 7) / 8);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var dictionary = new StringArray.Builder();
        string? last = null;
        int lastId = 0, row = 0, nulls = 0;
        chunks((values, n) =>
        {
            for (var i = 0; i < n; i++, row++)
            {
                var value = values[i];
                if (value is null)
                {
                    codes[row] = 0;
                    nulls++;
                    continue;
                }
                // The CSV reader hands the same instance for a repeated value: most rows need no lookup.
                if (!ReferenceEquals(value, last))
                {
                    if (!ids.TryGetValue(value, out lastId))
                    {
                        lastId = ids.Count;
                        ids.Add(value, lastId);
                        dictionary.Append(value);
                    }
                    last = value;
                }
                codes[row] = lastId;
                valid[row >> 3] |= (byte)(1 << (row & 7));
            }
        });
        // Arrow's own (native) memory: what ParquetSharp can hand to C++ without a copy of its own.
        var indices = new Int32Array(new ArrowBuffer.Builder<int>(count).Append(codes.AsSpan(0, count)).Build(),
            nulls > 0 ? new ArrowBuffer.Builder<byte>((count + 7) / 8).Append(valid.AsSpan(0, (count + 7) / 8)).Build() : ArrowBuffer.Empty,
            count, nulls, 0);
        ArrayPool<int>.Shared.Return(codes);
        ArrayPool<byte>.Shared.Return(valid);
        return new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), indices, dictionary.Build());
    }

    public void Dispose()
    {
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
            rented = null;
        }
    }
}
