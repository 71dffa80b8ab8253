using System.Collections.Concurrent;
using System.Globalization;
using NbaLake.Storage;
using ParquetSharp;

namespace NbaLake.Ingest;

/// <summary>
/// Writes one run's bronze rows of a source into a pending version, one file per game bucket, in row groups of at
/// most <see cref="RowGroupRows"/> rows. Rows wait in per-bucket buffers; a full buffer, or the largest one when all
/// of them together pass the memory budget, becomes a row group, encoded on a second thread while the CSV reader
/// goes on. Memory stays bounded however large the landed files are.
/// </summary>
public sealed class BronzeWriter : IDisposable
{
    /// <summary>Rows per row group (DuckDB writes 122,880): a few tens of MB of text per column chunk at most.</summary>
    public const int RowGroupRows = 128 * 1024;

    /// <summary>Rows buffered over all buckets before the largest buffer is written out.</summary>
    private const int BudgetRows = 2 * RowGroupRows;

    private readonly SourceDefinition source;
    private readonly PendingVersion pending;
    private readonly string batchId;
    private readonly DateTime ingestedAt;
    private readonly Column[] columns;
    private readonly IReadOnlyList<string> schema;
    private readonly Dictionary<string, BucketFile> shared = new(StringComparer.Ordinal);
    private readonly BlockingCollection<Action> work = new(boundedCapacity: 2);
    private readonly Task worker;
    private int buffered;

    public BronzeWriter(SourceDefinition source, PendingVersion pending, string batchId, DateTime ingestedAt)
    {
        (this.source, this.pending, this.batchId, this.ingestedAt) = (source, pending, batchId, ingestedAt);
        columns = BronzeTable.Columns(source);
        schema = Columnar.SchemaText(columns);
        worker = Task.Factory.StartNew(() =>
        {
            foreach (var write in work.GetConsumingEnumerable())
            {
                write();
            }
        }, TaskCreationOptions.LongRunning);
    }

    /// <summary>Rows written per bucket by this writer so far (buffered rows included).</summary>
    public Dictionary<string, long> RowsPerBucket { get; } = new(StringComparer.Ordinal);

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
        foreach (var file in shared.Values)
        {
            Close(file);
        }
        work.CompleteAdding();
        worker.GetAwaiter().GetResult();
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
        work.CompleteAdding();
        try
        {
            worker.GetAwaiter().GetResult();
        }
        catch (Exception) when (!worker.IsCompletedSuccessfully)
        {
            // Already reported by Finish or by the write that failed; the pending version is discarded.
        }
        foreach (var file in shared.Values)
        {
            file.Writer?.Dispose();
        }
        work.Dispose();
    }

    private string Add(Dictionary<string, BucketFile> files, string prefix, string?[] values, string sourceFile, long line)
    {
        var bucket = source.GameIdColumn < 0 ? GameBucket.All : GameBucket.Of(values[source.GameIdColumn]);
        if (!files.TryGetValue(bucket, out var file))
        {
            file = files[bucket] = new BucketFile(bucket, $"part-{batchId}-{prefix}{bucket}.parquet", source.Columns.Count);
        }
        file.Buffer.Add(values, sourceFile, line);
        file.Rows++;
        RowsPerBucket[bucket] = RowsPerBucket.GetValueOrDefault(bucket) + 1;
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

    /// <summary>Hands the bucket's buffer to the writing thread as one row group.</summary>
    private void Flush(BucketFile file)
    {
        var buffer = file.Buffer;
        if (buffer.Count == 0)
        {
            return;
        }
        file.Buffer = new RowBuffer(source.Columns.Count);
        buffered -= buffer.Count;
        Enqueue(() => WriteRowGroup(file, buffer));
    }

    /// <summary>Queues a write for the writing thread; rethrows its failure instead of waiting for a thread that stopped.</summary>
    private void Enqueue(Action write)
    {
        while (!work.TryAdd(write, millisecondsTimeout: 100))
        {
            if (worker.IsCompleted)
            {
                worker.GetAwaiter().GetResult();
                throw new InvalidOperationException("The bronze writing thread stopped.");
            }
        }
    }

    private void Close(BucketFile file)
    {
        Flush(file);
        Enqueue(() =>
        {
            file.Writer?.Close();
            file.Writer?.Dispose();
            file.Writer = null;
        });
    }

    private void WriteRowGroup(BucketFile file, RowBuffer buffer)
    {
        file.Writer ??= Columnar.CreateWriter(pending.PathFor(file.Name), columns);
        var count = buffer.Count;
        using var group = file.Writer.AppendRowGroup();
        for (var c = 0; c < buffer.Columns.Length; c++)
        {
            Columnar.WriteColumn(group, buffer.Columns[c], count);
        }
        Columnar.WriteColumn(group, Enumerable.Repeat(batchId, count).ToArray(), count);
        Columnar.WriteColumn(group, buffer.Files, count);
        Columnar.WriteColumn(group, buffer.Lines, count);
        Columnar.WriteColumn(group, Enumerable.Repeat(ingestedAt, count).ToArray(), count);
    }

    /// <summary>The bronze files of one large landed file: kept when the file was read whole and unchanged, dropped otherwise.</summary>
    public sealed class StreamedFile(BronzeWriter owner, string sourceFile, string prefix)
    {
        private readonly Dictionary<string, BucketFile> files = new(StringComparer.Ordinal);

        public void Add(string?[] values, long line) => owner.Add(files, prefix, values, sourceFile, line);

        /// <summary>Closes the file's bronze files and registers them; returns its rows per bucket.</summary>
        public IReadOnlyDictionary<string, long> Complete()
        {
            foreach (var file in files.Values)
            {
                owner.Close(file);
            }
            owner.Drain();
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
                owner.RowsPerBucket[file.Bucket] -= file.Rows;
                owner.Enqueue(() =>
                {
                    file.Writer?.Dispose();
                    file.Writer = null;
                    File.Delete(owner.pending.PathFor(file.Name));
                });
            }
            owner.Drain();
        }
    }

    /// <summary>Waits until every queued row group is written.</summary>
    private void Drain()
    {
        using var done = new ManualResetEventSlim();
        Enqueue(done.Set);
        while (!done.Wait(100))
        {
            if (worker.IsCompleted)
            {
                worker.GetAwaiter().GetResult();
            }
        }
    }

    private sealed class BucketFile(string bucket, string name, int columnCount)
    {
        public string Bucket { get; } = bucket;
        public string Name { get; } = name;
        public RowBuffer Buffer { get; set; } = new(columnCount);
        public ParquetFileWriter? Writer { get; set; }
        public long Rows { get; set; }
    }

    /// <summary>Rows waiting to become a row group, column by column (grown as rows come, up to a row group).</summary>
    private sealed class RowBuffer(int columnCount)
    {
        private const int InitialRows = 1024;

        public string?[][] Columns { get; } = [.. Enumerable.Range(0, columnCount).Select(_ => new string?[InitialRows])];
        public string[] Files { get; private set; } = new string[InitialRows];
        public long[] Lines { get; private set; } = new long[InitialRows];
        public int Count { get; private set; }

        public void Add(string?[] values, string sourceFile, long line)
        {
            if (Count == Lines.Length)
            {
                Grow();
            }
            for (var c = 0; c < values.Length; c++)
            {
                Columns[c][Count] = values[c];
            }
            Files[Count] = sourceFile;
            Lines[Count] = line;
            Count++;
        }

        private void Grow()
        {
            var size = Math.Min(Lines.Length * 2, RowGroupRows);
            for (var c = 0; c < Columns.Length; c++)
            {
                Array.Resize(ref Columns[c], size);
            }
            var (files, lines) = (Files, Lines);
            Array.Resize(ref files, size);
            Array.Resize(ref lines, size);
            (Files, Lines) = (files, lines);
        }
    }
}
