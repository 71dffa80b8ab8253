using Parquet;
using Parquet.Serialization;

namespace NbaLake.Storage;

/// <summary>Typed rows to and from Parquet through Parquet.Net's class serializer, with the lake's fixed options.</summary>
public static class ParquetRows
{
    /// <summary>Options every typed table shares: dates as <see cref="DateOnly"/>, Snappy, large row groups.</summary>
    public static ParquetOptions Options { get; } = new()
    {
        UseDateOnlyTypeForDates = true,
        RowGroupSize = 256 * 1024,
    };

    /// <summary>A table file holding <paramref name="rows"/> (in the order given) at <paramref name="relativePath"/>.</summary>
    public static TableFile File<T>(string relativePath, IReadOnlyCollection<T> rows, IReadOnlyDictionary<string, string>? metadata = null)
        where T : class, new() =>
        new(relativePath, rows.Count, (stream, ct) => ParquetSerializer.SerializeAsync(rows, stream, Options, metadata, ct), typeof(T).GetParquetSchema(forWriting: true));

    /// <summary>Every row of every Parquet file below <paramref name="folder"/>, files in ordinal path order.</summary>
    public static async Task<List<T>> ReadFolderAsync<T>(string folder, CancellationToken ct = default)
        where T : class, new()
    {
        var rows = new List<T>();
        foreach (var path in TableStore.ListParquetFiles(folder))
        {
            var result = await ParquetSerializer.DeserializeAsync<T>(path, Options, cancellationToken: ct);
            rows.AddRange(result.Data);
        }
        return rows;
    }
}
