using System.Collections.Concurrent;
using System.Globalization;
using ArrowBuffer = Apache.Arrow.ArrowBuffer;
using Int64Array = Apache.Arrow.Int64Array;
using TimestampArray = Apache.Arrow.TimestampArray;
using NbaLake.Storage;
using ParquetSharp;

namespace NbaLake.Ingest;

/// <summary>
/// Writes one run's bronze rows of a source into a pending version, one file per game bucket, in row groups of at
/// most <see cref="RowGroupRows"/> rows. Rows wait in per-bucket buffers; a full buffer, or the largest one when all
/// of them together pass the memory budget, becomes a row group, encoded on another core while the CSV reader goes
/// on (row groups of different files on different cores, those of one file in order). Memory stays bounded however
/// large the landed files are.
/// </summary>
public sealed class BronzeWriter : IDisposable
{
    /// <summary>Rows per row group (DuckDB writes 122,880): a few tens of MB of text per column chunk at most.</summary>
    public const int RowGroupRows = 128 * 1024;

    /// <summary>Rows buffered over all buckets before the largest buffer is written out.</summary>
    private const int BudgetRows = 2 * RowGroupRows;

    private readonly SourceDefinition source;
    private readonly PendingVersion pending;
    private readonly Column[] columns;
    private readonly IReadOnlyList<string> schema;
    private readonly Dictionary<string, BucketFile> shared = new(StringComparer.Ordinal);
    private readonly List<BucketFile> all = [];
    private readonly string batchId;
    private readonly Apache.Arrow.Schema arrowSchema;
    private readonly IReadOnlyList<string> withoutStatistics;
    private string?[] batchIds = [];
    private readonly DateTimeOffset ingestedAt;

    /// <summary>Row groups handed over and not yet written: at most one per core, which bounds the memory they hold.</summary>
    private readonly SemaphoreSlim inFlight = new(Environment.ProcessorCount);

    /// <summary>Buffer segments written out and ready for reuse; they go with the writer when the source is done.</summary>
    private readonly ConcurrentBag<RowBuffer.Segment> spare = [];
    private int buffered;

    public BronzeWriter(SourceDefinition source, PendingVersion pending, string batchId, DateTime ingestedAt)
    {
        (this.source, this.pending, this.batchId) = (source, pending, batchId);
        columns = BronzeTable.Columns(source);
        schema = Columnar.SchemaText(columns);
        arrowSchema = BronzeTable.ArrowSchema(source);
        withoutStatistics = BronzeTable.WithoutStatistics(source);
        this.ingestedAt = new DateTimeOffset(DateTime.SpecifyKind(ingestedAt, DateTimeKind.Utc));
    }

    /// <summary>Adds the records of a landed file read whole (the run's small files share one file per bucket).</summary>
    public IReadOnlyDictionary<string, long> Append(BronzeFile file)
    {
        var added = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var r = 0; r < file.Records.Count; r++)
        {
            var bucket = Add(shared, "", file.Records[r], file.SourceFile, file.Lines[r]);
            added[bucket] = added.GetValueOrDefault(bucket) + 1;
        }
        return added;
    }

    /// <summary>Starts the bronze files of one large landed file, streamed record by record into its own files per bucket.</summary>
    public StreamedFile Stream(string sourceFile, int sequence) => new(this, sourceFile, sequence.ToString("D4", CultureInfo.InvariantCulture) + "-");

    /// <summary>Writes what is buffered, closes every file and registers them in the pending version.</summary>
    public void Finish()
    {
        Close(shared.Values);
        foreach (var file in shared.Values.Where(f => f.Rows > 0))
        {
            pending.Added(file.Name, file.Rows, schema, file.Bucket);
        }
    }

    /// <summary>An empty bronze file (the table's schema, no rows), for a table whose only landed files held no record.</summary>
    public void WriteEmpty()
    {
        var name = $"part-{batchId}-empty.parquet";
        using (var writer = Columnar.CreateWriter(pending.PathFor(name), columns))
        {
            writer.Close();
        }
        pending.Added(name, 0, schema);
    }

    public void Dispose()
    {
        foreach (var file in all)
        {
            try
            {
                file.Writing.Wait();
            }
            catch (AggregateException)
            {
                // Reported where the write was awaited; the pending version is discarded.
            }
            file.Writer?.Dispose();
        }
        inFlight.Dispose();
    }

    private string Add(Dictionary<string, BucketFile> files, string prefix, string?[] values, string sourceFile, long line)
    {
        var bucket = source.GameIdColumn < 0 ? GameBucket.All : GameBucket.Of(values[source.GameIdColumn]);
        if (!files.TryGetValue(bucket, out var file))
        {
            file = files[bucket] = new BucketFile(bucket, $"part-{batchId}-{prefix}{bucket}.parquet", NewBuffer());
            all.Add(file);
        }
        file.Buffer.Add(values, sourceFile, line);
        file.Rows++;
        buffered++;
        if (file.Buffer.Count == RowGroupRows)
        {
            Flush(file);
        }
        else if (buffered > BudgetRows)
        {
            Flush(files.Values.Concat(shared.Values).MaxBy(f => f.Buffer.Count)!);
        }
        return bucket;
    }

    /// <summary>Hands the bucket's buffer over as one row group, written after the file's earlier ones.</summary>
    private void Flush(BucketFile file)
    {
        var buffer = file.Buffer;
        if (buffer.Count == 0)
        {
            return;
        }
        file.Buffer = NewBuffer();
        buffered -= buffer.Count;
        Then(file, () => WriteRowGroup(file, buffer));
    }

    /// <summary>Runs <paramref name="write"/> after the file's earlier writes, on the thread pool; a failure stops the reader at its next hand-over.</summary>
    private void Then(BucketFile file, Action write)
    {
        if (file.Writing.IsFaulted)
        {
            file.Writing.GetAwaiter().GetResult();
        }
        inFlight.Wait();
        file.Writing = file.Writing.ContinueWith(before =>
        {
            try
            {
                before.GetAwaiter().GetResult();
                write();
            }
            finally
            {
                inFlight.Release();
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Writes the files' last rows, closes them and waits until all of it is on disk.</summary>
    private void Close(IEnumerable<BucketFile> files)
    {
        var closing = files.ToList();
        foreach (var file in closing)
        {
            Flush(file);
            Then(file, () =>
            {
                file.Writer?.Close();
                file.Writer?.Dispose();
                file.Writer = null;
            });
        }
        Task.WaitAll([.. closing.Select(f => f.Writing)]);
    }

    private RowBuffer NewBuffer() => new(source.Columns.Count, spare);

    /// <summary>
    /// Writes the buffer as one row group. Text goes to Parquet as Arrow dictionaries (<see cref="TextColumn.ToArrow"/>):
    /// a column's distinct values are encoded once, not each of its rows.
    /// </summary>
    private void WriteRowGroup(BucketFile file, RowBuffer buffer)
    {
        file.Writer ??= Columnar.CreateArrowWriter(pending.PathFor(file.Name), arrowSchema, withoutStatistics);
        var count = buffer.Count;
        file.Writer.NewRowGroup();
        for (var c = 0; c < source.Columns.Count; c++)
        {
            file.Writer.WriteColumnChunk(TextColumn.ToArrow(count, write => buffer.Write(s => s.Columns[c], write)));
        }
        file.Writer.WriteColumnChunk(TextColumn.ToArrow(count, write => write(BatchIds(count), count)));
        file.Writer.WriteColumnChunk(TextColumn.ToArrow(count, write => buffer.Write(s => s.Files, write)));
        var lines = new ArrowBuffer.Builder<long>(count);
        buffer.Write(s => s.Lines, (values, n) => lines.Append(values.AsSpan(0, n)));
        file.Writer.WriteColumnChunk(new Int64Array(lines.Build(), ArrowBuffer.Empty, count, 0, 0));
        var ingested = new TimestampArray.Builder(BronzeTable.IngestedAtType);
        for (var i = 0; i < count; i++)
        {
            ingested.Append(ingestedAt);
        }
        file.Writer.WriteColumnChunk(ingested.Build());
        buffer.Recycle();
    }

    /// <summary>
    /// The batch id repeated for at least <paramref name="count"/> rows: one array for the writer's row groups, grown as
    /// they need (a day's file of 26 rows does not fill 131,072), shared by the threads that write them.
    /// </summary>
    private string?[] BatchIds(int count)
    {
        var ids = Volatile.Read(ref batchIds);
        if (ids.Length < count)
        {
            ids = new string?[Math.Max(count, Math.Min(RowGroupRows, 2 * ids.Length))];
            Array.Fill(ids, batchId);
            Volatile.Write(ref batchIds, ids);
        }
        return ids;
    }

    /// <summary>The bronze files of one large landed file: kept when the file was read whole and unchanged, dropped otherwise.</summary>
    public sealed class StreamedFile(BronzeWriter owner, string sourceFile, string prefix)
    {
        private readonly Dictionary<string, BucketFile> files = new(StringComparer.Ordinal);

        public void Add(string?[] values, long line) => owner.Add(files, prefix, values, sourceFile, line);

        /// <summary>Closes the file's bronze files and registers them; returns its rows per bucket.</summary>
        public IReadOnlyDictionary<string, long> Complete()
        {
            owner.Close(files.Values);
            foreach (var file in files.Values)
            {
                owner.pending.Added(file.Name, file.Rows, owner.schema, file.Bucket);
            }
            return files.Values.ToDictionary(f => f.Bucket, f => f.Rows, StringComparer.Ordinal);
        }

        /// <summary>Forgets the file: its bronze files are deleted, nothing of it is committed.</summary>
        public void Abandon()
        {
            foreach (var file in files.Values)
            {
                owner.buffered -= file.Buffer.Count;
                file.Buffer = owner.NewBuffer();
                owner.Then(file, () =>
                {
                    file.Writer?.Dispose();
                    file.Writer = null;
                    File.Delete(owner.pending.PathFor(file.Name));
                });
            }
            Task.WaitAll([.. files.Values.Select(f => f.Writing)]);
        }
    }

    private sealed class BucketFile(string bucket, string name, RowBuffer buffer)
    {
        public string Bucket { get; } = bucket;
        public string Name { get; } = name;
        public RowBuffer Buffer { get; set; } = buffer;
        public ParquetSharp.Arrow.FileWriter? Writer { get; set; }
        public long Rows { get; set; }

        /// <summary>The file's last write, which the next one waits for.</summary>
        public Task Writing { get; set; } = Task.CompletedTask;
    }

    /// <summary>
    /// Rows waiting to become a row group, column by column, in segments of <see cref="SegmentRows"/> rows: no array
    /// large enough for the large-object heap, no copy when it grows, segments reused once written.
    /// </summary>
    private sealed class RowBuffer(int columnCount, ConcurrentBag<RowBuffer.Segment> spare)
    {
        private const int SegmentRows = 4096;

        public List<Segment> Segments { get; } = [];

        public int Count { get; private set; }

        public void Add(string?[] values, string sourceFile, long line)
        {
            var at = Count % SegmentRows;
            if (at == 0)
            {
                Segments.Add(spare.TryTake(out var reused) ? reused : new Segment(columnCount));
            }
            var segment = Segments[^1];
            segment.Fit(at);
            for (var c = 0; c < values.Length; c++)
            {
                segment.Columns[c][at] = values[c];
            }
            segment.Files[at] = sourceFile;
            segment.Lines[at] = line;
            Count++;
        }

        /// <summary>
        /// Hands <paramref name="write"/> the array <paramref name="column"/> picks from each segment (one CSV column,
        /// the source files or the lines) and how many of its rows are filled, segment after segment.
        /// </summary>
        public void Write<T>(Func<Segment, T[]> column, Action<T[], int> write)
        {
            for (var s = 0; s < Segments.Count; s++)
            {
                write(column(Segments[s]), Math.Min(SegmentRows, Count - s * SegmentRows));
            }
        }

        /// <summary>Hands the segments back for reuse (after their row group is written).</summary>
        public void Recycle()
        {
            foreach (var segment in Segments)
            {
                Array.Clear(segment.Files);
                foreach (var column in segment.Columns)
                {
                    Array.Clear(column);
                }
                spare.Add(segment);
            }
            Segments.Clear();
        }

        /// <summary>A segment's arrays: they start small and double up to <see cref="SegmentRows"/> (a file of a few rows fills a few).</summary>
        public sealed class Segment(int columnCount)
        {
            private const int FirstRows = 64;

            public string?[][] Columns { get; } = [.. Enumerable.Range(0, columnCount).Select(_ => new string?[FirstRows])];

            public string[] Files { get; private set; } = new string[FirstRows];

            public long[] Lines { get; private set; } = new long[FirstRows];

            /// <summary>Makes room for row <paramref name="at"/>.</summary>
            public void Fit(int at)
            {
                if (at < Files.Length)
                {
                    return;
                }
                var size = Math.Min(SegmentRows, 2 * Files.Length);
                for (var c = 0; c < Columns.Length; c++)
                {
                    Array.Resize(ref Columns[c], size);
                }
                (Files, Lines) = (Grown(Files, size), Grown(Lines, size));
            }

            private static TValue[] Grown<TValue>(TValue[] array, int size)
            {
                Array.Resize(ref array, size);
                return array;
            }
        }
    }
}
