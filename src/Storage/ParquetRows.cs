namespace NbaLake.Storage;

/// <summary>
/// Typed rows of the small tables (rejects, gold, the job's own tables) to and from Parquet, through the same
/// ParquetSharp writer as the wide tables (<see cref="Columnar"/>): dictionary encoding, statistics, timestamps in
/// microseconds. One Parquet library for every table.
/// </summary>
public static class ParquetRows
{
    /// <summary>A table file holding <paramref name="rows"/> (in the order given) at <paramref name="relativePath"/>.</summary>
    public static TableFile File<T>(string relativePath, IReadOnlyCollection<T> rows, string? partition = null)
        where T : class, new() =>
        Columnar.Rows<T>().File(relativePath, rows as IReadOnlyList<T> ?? [.. rows], partition);

    /// <summary>Every row of every Parquet file below <paramref name="folder"/>, files in ordinal path order (none when it does not exist).</summary>
    public static Task<List<T>> ReadFolderAsync<T>(string folder, CancellationToken ct = default)
        where T : class, new()
    {
        var rows = new List<T>();
        foreach (var path in TableStore.ListParquetFiles(folder))
        {
            ct.ThrowIfCancellationRequested();
            rows.AddRange(Columnar.Rows<T>().Read(path));
        }
        return Task.FromResult(rows);
    }
}
