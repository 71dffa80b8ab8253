namespace NbaLake.Storage;

/// <summary>One file of a table version: where it goes below the table folder and how to write its bytes.</summary>
/// <param name="RelativePath">Path below the table folder, e.g. <c>season=2019/part-00000.parquet</c>.</param>
/// <param name="Rows">Rows the file holds, for the log.</param>
/// <param name="WriteAsync">Writes the whole file to the stream it is given.</param>
/// <param name="Schema">The file's Parquet schema, for the commit log (known before writing: no need to read it back).</param>
public sealed record TableFile(string RelativePath, long Rows, Func<Stream, CancellationToken, Task> WriteAsync, Parquet.Schema.ParquetSchema Schema)
{
    /// <summary>The schema as the commit log records it: one "name: Type" per column, "?" when nullable.</summary>
    public IReadOnlyList<string> SchemaText => [.. Schema.GetDataFields().Select(f => $"{f.Name}: {f.ClrType.Name}{(f.IsNullable ? "?" : "")}")];
}
