using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace NbaLake.Storage;

/// <summary>
/// Typed rows to and from Parquet through Parquet.Net's class serializer, with the lake's fixed options: for the small
/// tables (rejects, gold, the job's own tables). The wide, hot tables go through <see cref="Columnar"/> instead.
/// </summary>
public static class ParquetRows
{
    /// <summary>Options every typed table shares: dates as <see cref="DateOnly"/>, Snappy, large row groups.</summary>
    public static ParquetOptions Options { get; } = new()
    {
        UseDateOnlyTypeForDates = true,
        RowGroupSize = 256 * 1024,
    };

    /// <summary>A table file holding <paramref name="rows"/> (in the order given) at <paramref name="relativePath"/>.</summary>
    public static TableFile File<T>(string relativePath, IReadOnlyCollection<T> rows, string? partition = null)
        where T : class, new() =>
        new(relativePath, rows.Count, async (path, ct) =>
        {
            await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await ParquetSerializer.SerializeAsync(rows, stream, Options, cancellationToken: ct);
        }, SchemaText(typeof(T).GetParquetSchema(forWriting: true)), partition);

    /// <summary>The schema as the commit log records it: one "name: Type" per column, "?" when nullable.</summary>
    public static IReadOnlyList<string> SchemaText(ParquetSchema schema) =>
        [.. schema.GetDataFields().Select(f => $"{f.Name}: {f.ClrType.Name}{(f.IsNullable ? "?" : "")}")];

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
