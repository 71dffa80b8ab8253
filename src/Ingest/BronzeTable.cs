using Parquet;
using Parquet.Schema;
using NbaLake.Storage;

namespace NbaLake.Ingest;

/// <summary>
/// A bronze source table (<c>lake/bronze/&lt;source&gt;/</c>): raw, lossless, append-only. One Parquet file per landed
/// file; its key-value metadata carries the SHA-256 of the landed bytes, which is how a run knows what it has ingested.
/// Grain: one row per CSV record read from landing. Columns: every known column as nullable UTF-8 text, then
/// <c>_batch_id</c>, <c>_source_file</c>, <c>_source_line</c>, <c>_ingested_at</c>.
/// </summary>
public static class BronzeTable
{
    /// <summary>Key-value metadata key holding the landed file's SHA-256 (lower-case hex).</summary>
    public const string Sha256Key = "nbalake.source_sha256";

    public static TableId Id(SourceDefinition source) => TableId.Bronze(source.Name);

    /// <summary>The catalog entry of a source's bronze table: its columns are the source's, as text, plus lineage.</summary>
    public static TableDefinition Definition(SourceDefinition source) => new(
        Id(source), typeof(BronzeTable), null, "one row per CSV record read from landing", ["_batch_id", "_source_file", "_source_line"],
        [$"landing.{source.Name}"], Columns:
        [
            .. source.Columns.Select(c => new ColumnNote(SourceDefinition.BronzeName(c),
                $"{c} exactly as landed ({(source.Required.Contains(c) ? "required" : "optional")}; null when empty or missing)",
                source.PersonalData?.Contains(c) == true)),
            new("_batch_id", "The run that ingested the record."),
            new("_source_file", "The landed file's name."),
            new("_source_line", "1-based line where the record starts in that file."),
            new("_ingested_at", "When the run read the file (UTC)."),
        ]);

    /// <summary>The Parquet schema of a source's bronze table.</summary>
    public static ParquetSchema Schema(SourceDefinition source) => new(
    [
        .. source.Columns.Select(c => (Field)new DataField<string>(SourceDefinition.BronzeName(c), nullable: true)),
        new DataField<string>("_batch_id", nullable: false),
        new DataField<string>("_source_file", nullable: false),
        new DataField<long>("_source_line", nullable: false),
        new DateTimeDataField("_ingested_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false),
    ]);

    /// <summary>The table file for one landed file's records.</summary>
    public static TableFile File(BronzeFile file, string fileName, string sha256) =>
        new(fileName, file.Records.Count, (stream, ct) => WriteAsync(file, sha256, stream, ct), Schema(file.Source));

    private static async Task WriteAsync(BronzeFile file, string sha256, Stream stream, CancellationToken ct)
    {
        var schema = Schema(file.Source);
        var fields = schema.GetDataFields();
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, ParquetRows.Options, cancellationToken: ct);
        writer.CustomMetadata = new Dictionary<string, string> { [Sha256Key] = sha256 };
        var count = file.Records.Count;
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < file.Source.Columns.Count; c++)
        {
            var column = new string?[count];
            for (var r = 0; r < count; r++)
            {
                column[r] = file.Records[r][c];
            }
            await group.WriteAsync(fields[c], column!);
        }
        var n = file.Source.Columns.Count;
        await group.WriteAsync(fields[n], Enumerable.Repeat(file.BatchId, count).ToArray());
        await group.WriteAsync(fields[n + 1], Enumerable.Repeat(file.SourceFile, count).ToArray());
        await group.WriteAsync<long>(fields[n + 2], file.Lines.ToArray(), cancellationToken: ct);
        await group.WriteAsync<DateTime>(fields[n + 3], Enumerable.Repeat(file.IngestedAt, count).ToArray(), cancellationToken: ct);
    }

    /// <summary>The SHA-256 of every landed file already in a table (bronze of a source, or bronze rejects).</summary>
    public static async Task<HashSet<string>> IngestedHashesAsync(LakeLayout layout, TableId table, CancellationToken ct = default)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in TableStore.ListParquetFiles(layout.TableFolder(table)))
        {
            await using var reader = await ParquetReader.CreateAsync(path, ParquetRows.Options, ct);
            if (reader.CustomMetadata.TryGetValue(Sha256Key, out var sha))
            {
                hashes.Add(sha);
            }
        }
        return hashes;
    }

    /// <summary>
    /// Every bronze row of a source, in (batch, file, line) order: the order "later wins" refers to. Files this
    /// process has just written come from <paramref name="written"/> (by file name) instead of being decoded again.
    /// </summary>
    public static async Task<List<BronzeRow>> ReadAsync(LakeLayout layout, SourceDefinition source,
        IReadOnlyDictionary<string, BronzeFile>? written = null, CancellationToken ct = default)
    {
        var rows = new List<BronzeRow>();
        var columns = source.Columns.Count;
        foreach (var path in TableStore.ListParquetFiles(layout.TableFolder(Id(source))))
        {
            if (written?.GetValueOrDefault(Path.GetFileName(path)) is { } fresh)
            {
                for (var r = 0; r < fresh.Records.Count; r++)
                {
                    rows.Add(new BronzeRow(fresh.Records[r], fresh.BatchId, fresh.SourceFile, fresh.Lines[r]));
                }
                continue;
            }
            await using var reader = await ParquetReader.CreateAsync(path, ParquetRows.Options, ct);
            var fields = reader.Schema.GetDataFields();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var values = new string?[columns][];
                for (var c = 0; c < columns; c++)
                {
                    values[c] = new string?[count];
                    await group.ReadAsync(fields[c], values[c].AsMemory()!, cancellationToken: ct);
                }
                var batch = new string?[count];
                var file = new string?[count];
                var lines = new long[count];
                await group.ReadAsync(fields[columns], batch.AsMemory(), cancellationToken: ct);
                await group.ReadAsync(fields[columns + 1], file.AsMemory(), cancellationToken: ct);
                await group.ReadAsync<long>(fields[columns + 2], lines.AsMemory(), cancellationToken: ct);
                for (var r = 0; r < count; r++)
                {
                    var record = new string?[columns];
                    for (var c = 0; c < columns; c++)
                    {
                        record[c] = values[c][r];
                    }
                    rows.Add(new BronzeRow(record, batch[r]!, file[r]!, lines[r]));
                }
            }
        }
        // Bronze file names sort by batch, then by landed-file order, and lines ascend within a file: the rows are
        // already in lineage order. Sort only if that ever stops being true.
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i - 1].CompareLineage(rows[i]) > 0)
            {
                rows.Sort(static (a, b) => a.CompareLineage(b));
                break;
            }
        }
        return rows;
    }
}
