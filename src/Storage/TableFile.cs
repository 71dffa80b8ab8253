namespace NbaLake.Storage;

/// <summary>One file of a table version: where it goes below the table folder and how to write its bytes.</summary>
/// <param name="RelativePath">Path below the table folder, e.g. <c>season=2019/part-g1900.parquet</c>.</param>
/// <param name="Rows">Rows the file holds, for the log.</param>
/// <param name="WriteAsync">Writes the whole file to the path it is given.</param>
/// <param name="Schema">The file's columns as the commit log records them: one "name: Type" per column, "?" when nullable.</param>
/// <param name="Partition">The partition the file belongs to, if the table is partitioned.</param>
public sealed record TableFile(string RelativePath, long Rows, Func<string, CancellationToken, Task> WriteAsync, IReadOnlyList<string> Schema,
    string? Partition = null);
