using NbaLake.Storage;
using ParquetSharp;

namespace NbaLake.Ingest;

/// <summary>
/// A bronze source table (<c>lake/bronze/&lt;source&gt;/</c>): raw, lossless, append-only. Each run adds one file per
/// game bucket it touched (<c>part-&lt;run id&gt;-g19.parquet</c>), in row groups of at most
/// <see cref="BronzeWriter.RowGroupRows"/> rows; the commit log knows each file's bucket and, in the table's metadata,
/// every landed file with its SHA-256 and the buckets its rows went to. Grain: one row per CSV record read from
/// landing. Columns: every known column as nullable UTF-8 text, then <c>_batch_id</c>, <c>_source_file</c>,
/// <c>_source_line</c>, <c>_ingested_at</c>.
/// </summary>
public static class BronzeTable
{
    public static TableId Id(SourceDefinition source) => TableId.Bronze(source.Name);

    /// <summary>The catalog entry of a source's bronze table: its columns are the source's, as text, plus lineage.</summary>
    public static TableDefinition Definition(SourceDefinition source) => new(
        Id(source), typeof(BronzeTable), null, "one row per CSV record read from landing", ["_batch_id", "_source_file", "_source_line"],
        [$"landing.{source.Name}"], PartitionBy: "game bucket (file name)", Columns:
        [
            .. source.Columns.Select(c => new ColumnNote(SourceDefinition.BronzeName(c),
                $"{c} exactly as landed ({(source.Required.Contains(c) ? "required" : "optional")}; null when empty or missing)",
                source.PersonalData?.Contains(c) == true)),
            new("_batch_id", "The run that ingested the record."),
            new("_source_file", "The landed file's name."),
            new("_source_line", "1-based line where the record starts in that file."),
            new("_ingested_at", "When the run read the file (UTC)."),
        ]);

    /// <summary>The Parquet columns of a source's bronze table.</summary>
    public static Column[] Columns(SourceDefinition source) =>
    [
        .. source.Columns.Select(c => (Column)new Column<string>(SourceDefinition.BronzeName(c))),
        new Column<string>("_batch_id"),
        new Column<string>("_source_file"),
        new Column<long>("_source_line"),
        new Column<DateTime>("_ingested_at", LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
    ];

    /// <summary>
    /// Reads bronze files of a source row group by row group (only the text columns and the lineage, never the whole
    /// table at once). <paramref name="folder"/> is the version folder the files belong to.
    /// </summary>
    public static void Read(string folder, IEnumerable<CommittedFile> files, SourceDefinition source, Action<BronzeChunk> onChunk)
    {
        var names = source.Columns.Select(SourceDefinition.BronzeName).Append("_batch_id").Append("_source_file").Append("_source_line").ToList();
        foreach (var file in files)
        {
            using var reader = Columnar.OpenReader(Path.Combine(folder, file.Path));
            var schema = reader.FileMetaData.Schema;
            var index = Enumerable.Range(0, schema.NumColumns).ToDictionary(i => schema.Column(i).Name, StringComparer.Ordinal);
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                var count = checked((int)group.MetaData.NumRows);
                var chunk = new BronzeChunk(count, new string?[source.Columns.Count][]);
                for (var c = 0; c < source.Columns.Count; c++)
                {
                    chunk.Columns[c] = ReadStrings(group, index[names[c]], count);
                }
                chunk.Batches = ReadStrings(group, index["_batch_id"], count);
                chunk.Files = ReadStrings(group, index["_source_file"], count);
                using (var lines = group.Column(index["_source_line"]).LogicalReader<long>())
                {
                    chunk.Lines = lines.ReadAll(count);
                }
                onChunk(chunk);
            }
        }
    }

    private static string?[] ReadStrings(RowGroupReader group, int column, int count)
    {
        using var reader = group.Column(column).LogicalReader<string?>();
        return reader.ReadAll(count);
    }
}

/// <summary>The rows of one bronze row group, column by column (strings repeated in a column are one instance).</summary>
public sealed class BronzeChunk(int count, string?[][] columns)
{
    public int Count { get; } = count;

    /// <summary>The text columns, in <see cref="SourceDefinition.Columns"/> order.</summary>
    public string?[][] Columns { get; } = columns;

    public string?[] Batches { get; set; } = [];

    public string?[] Files { get; set; } = [];

    public long[] Lines { get; set; } = [];

    /// <summary>A chunk holding the given rows (records read whole, tests).</summary>
    public static BronzeChunk Of(IReadOnlyList<BronzeRow> rows)
    {
        var width = rows.Count == 0 ? 0 : rows[0].Values.Length;
        var chunk = new BronzeChunk(rows.Count, [.. Enumerable.Range(0, width).Select(c => rows.Select(r => r.Values[c]).ToArray())])
        {
            Batches = [.. rows.Select(r => r.BatchId)],
            Files = [.. rows.Select(r => r.SourceFile)],
            Lines = [.. rows.Select(r => r.SourceLine)],
        };
        return chunk;
    }

    /// <summary>Row <paramref name="i"/> as a <see cref="BronzeRow"/>.</summary>
    public BronzeRow Row(int i)
    {
        var values = new string?[Columns.Length];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = Columns[c][i];
        }
        return new BronzeRow(values, Batches[i]!, Files[i]!, Lines[i]);
    }
}
