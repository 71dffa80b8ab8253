using NbaLake.Storage;
using ParquetSharp;

namespace NbaLake.Ingest;

/// <summary>
/// A bronze source table (<c>lake/bronze/&lt;source&gt;/</c>): raw, lossless, append-only. Each run adds one file per
/// game bucket it touched (<c>part-&lt;run id&gt;-g1900.parquet</c>), in row groups of at most
/// <see cref="BronzeWriter.RowGroupRows"/> rows; the commit log knows each file's bucket and, in the table's metadata,
/// every landed file with its SHA-256 and the buckets its rows went to. Grain: one row per CSV record read from
/// landing. Columns: every known column as nullable UTF-8 text, then <c>_batch_id</c>, <c>_source_file</c>,
/// <c>_source_line</c>, <c>_ingested_at</c>.
/// </summary>
public static class BronzeTable
{
    public static TableId Id(SourceDefinition source) => TableId.Bronze(source.Name);

    /// <summary>The bronze tables, one per source.</summary>
    public static IReadOnlyList<TableDefinition> Definitions { get; } = [.. Sources.All.Select(Definition)];

    /// <summary>The definition of a source's bronze table: its columns are the source's, as text, plus lineage.</summary>
    public static TableDefinition Definition(SourceDefinition source) => new(
        Id(source), typeof(BronzeTable), null, "one row per CSV record read from landing", ["_batch_id", "_source_file", "_source_line"],
        [], CommitMode.Append, typeof(IngestStage), [source.Name], PartitionBy: source.GameIdColumn < 0 ? null : "game bucket (file name)", Columns:
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
    /// The columns of a source's bronze table written without min/max statistics: the source's raw text columns but
    /// its game id. The minimum and maximum of raw text prune no read (a file holds one game bucket, and silver types
    /// the values); keeping them was about a tenth of ingest's CPU at full size (Arrow C++ works out which dictionary
    /// values each row group uses, then compares them). The game id and the lineage columns keep theirs.
    /// </summary>
    public static IReadOnlyList<string> WithoutStatistics(SourceDefinition source) =>
        [.. source.Columns.Where((_, i) => i != source.GameIdColumn).Select(SourceDefinition.BronzeName)];

    /// <summary>The type of <c>_ingested_at</c> in Arrow: microseconds, UTC (Parquet's TIMESTAMP(MICROS, adjusted to UTC)).</summary>
    public static Apache.Arrow.Types.TimestampType IngestedAtType { get; } = new(Apache.Arrow.Types.TimeUnit.Microsecond, "UTC");

    /// <summary>
    /// The same columns as <see cref="Columns"/>, as the Arrow schema bronze's writer hands ParquetSharp: text as
    /// dictionaries of strings (nullable), the line and the time required.
    /// </summary>
    public static Apache.Arrow.Schema ArrowSchema(SourceDefinition source)
    {
        var text = new Apache.Arrow.Types.DictionaryType(Apache.Arrow.Types.Int32Type.Default, Apache.Arrow.Types.StringType.Default, false);
        return new Apache.Arrow.Schema(
        [
            .. source.Columns.Select(c => new Apache.Arrow.Field(SourceDefinition.BronzeName(c), text, nullable: true)),
            new Apache.Arrow.Field("_batch_id", text, nullable: true),
            new Apache.Arrow.Field("_source_file", text, nullable: true),
            new Apache.Arrow.Field("_source_line", Apache.Arrow.Types.Int64Type.Default, nullable: false),
            new Apache.Arrow.Field("_ingested_at", IngestedAtType, nullable: false),
        ], null);
    }

    /// <summary>
    /// Reads bronze files of a source a row group at a time (only the text columns and the lineage, never the whole
    /// table at once), text as dictionaries. <paramref name="folder"/> is the version folder the files belong to.
    /// </summary>
    public static void Read(string folder, IEnumerable<CommittedFile> files, SourceDefinition source, Action<BronzeChunk> onChunk)
    {
        List<string> names = [.. source.Columns.Select(SourceDefinition.BronzeName), "_batch_id", "_source_file", "_source_line"];
        var width = source.Columns.Count;
        foreach (var file in files)
        {
            Columnar.ReadBatches(Path.Combine(folder, file.Path), names, (count, arrays) =>
            {
                // A large row group's columns are turned into text columns on every core (a season's box scores: 33,000 rows).
                using var chunk = new BronzeChunk(count, count < Columnar.SplitRows ? [.. arrays.Take(width).Select(TextColumn.From)]
                    : arrays.Take(width).AsParallel().AsOrdered().Select(TextColumn.From).ToArray())
                {
                    Batches = TextColumn.From(arrays[width]),
                    Files = TextColumn.From(arrays[width + 1]),
                    Lines = BronzeChunk.Rent(((Apache.Arrow.Int64Array)arrays[width + 2]).Values),
                };
                onChunk(chunk);
            });
        }
    }
}

/// <summary>
/// The rows of one bronze row group, column by column; each text column holds its distinct values once. A chunk read
/// from a file is only valid during the callback it is handed to.
/// </summary>
public sealed class BronzeChunk(int count, TextColumn[] columns) : IDisposable
{
    public int Count { get; } = count;

    /// <summary>The text columns, in <see cref="SourceDefinition.Columns"/> order.</summary>
    public TextColumn[] Columns { get; } = columns;

    public TextColumn Batches { get; init; } = TextColumn.Of([]);

    public TextColumn Files { get; init; } = TextColumn.Of([]);

    /// <summary>The line of each row (pooled: may be longer than <see cref="Count"/>).</summary>
    public long[] Lines { get; init; } = [];

    /// <summary>A chunk holding the given rows (records read whole, tests).</summary>
    public static BronzeChunk Of(IReadOnlyList<BronzeRow> rows, int width) => new(rows.Count,
        [.. Enumerable.Range(0, width).Select(c => TextColumn.Of([.. rows.Select(r => r.Values[c])]))])
    {
        Batches = TextColumn.Of([.. rows.Select(r => r.BatchId)]),
        Files = TextColumn.Of([.. rows.Select(r => r.SourceFile)]),
        Lines = Rent([.. rows.Select(r => r.SourceLine)]),
    };

    /// <summary>A pooled copy of a row group's line numbers, given back with the chunk.</summary>
    internal static long[] Rent(ReadOnlySpan<long> lines)
    {
        var rented = System.Buffers.ArrayPool<long>.Shared.Rent(Math.Max(lines.Length, 1));
        lines.CopyTo(rented);
        return rented;
    }

    public void Dispose()
    {
        System.Buffers.ArrayPool<long>.Shared.Return(Lines);
        foreach (var column in Columns)
        {
            column.Dispose();
        }
        Batches.Dispose();
        Files.Dispose();
    }
}
