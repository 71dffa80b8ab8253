using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NbaLake.Storage;
using Serilog;

namespace NbaLake.Ingest;

/// <summary>
/// Collect: landing CSVs → bronze Parquet, one commit per source per run (the CSV parser's rejects of all sources in one
/// commit before them). A landed file is known by its name and the SHA-256 of its bytes: it is skipped when that
/// content is the content last ingested under its own name or under another name of the source (a copy); otherwise it
/// is a new batch (lake-contract.md, Bronze). The build step of every bronze table.
/// </summary>
public sealed class IngestStage(LakeLayout layout, SourcesOptions options, ILogger log) : IBuildStep
{
    /// <summary>Landed files up to this size are read whole before they join the run's shared bronze files; larger ones are streamed into their own.</summary>
    public const long SmallFileBytes = 32L << 20;

    public string Name => "ingest";

    /// <summary>Ingest always looks at landing: how files are read is not an input of bronze (a landed file is read once).</summary>
    public IReadOnlyList<SettingValue> Settings => [];

    /// <summary>Ingests every new landed file into pending versions; the runner commits them.</summary>
    public async Task<StepOutput> BuildAsync(StepContext context, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var store = context.Store;
        var report = new StepReport(Name);
        var landing = LandingScan.Scan(layout.Landing, options);
        log.Information("Found {Files} landed files matching a source in {Landing}", landing.Files.Count, layout.Landing);
        foreach (var refusal in landing.Refused)
        {
            report.Refused.Add(refusal);
            log.Error("Refused {Refusal}", refusal);
        }
        foreach (var other in landing.Ignored)
        {
            report.Warnings.Add(other);
            log.Warning("Landing: {Ignored}", other);
        }
        var index = LandingIndex.Load(layout);
        var ingestedAt = DateTime.UtcNow;
        var rejects = new Rejects(store.State(BronzeReject.Table)?.Meta ?? new Dictionary<string, JsonNode>());
        var commits = new List<PendingCommit>();
        try
        {
            foreach (var source in Sources.All)
            {
                if (await IngestSourceAsync(store, source, [.. landing.Files.Where(f => f.Source == source)], ingestedAt, index, rejects, report, ct) is { } commit)
                {
                    commits.Add(commit);
                }
            }
            if (rejects.Rows.Count > 0)
            {
                // Rejects are committed before bronze, keyed by the landed files' content, so a run that died in
                // between does not append them twice when it reads the files again.
                var pending = store.Begin(BronzeReject.Table);
                await pending.WriteAsync(Columnar.Rows<BronzeReject>().File($"part-{store.RunId}.parquet", rejects.Rows), ct);
                commits.Insert(0, new PendingCommit(pending, TableStore.Append, _ => false, rejects.Meta, rejects.Inputs));
            }
        }
        catch
        {
            commits.ForEach(c => c.Version.Dispose());
            throw;
        }
        index.Save();
        if (report.FilesIngested == 0 && report.Refused.Count == 0)
        {
            log.Information("No new files in {Landing}: bronze is unchanged", layout.Landing);
        }
        log.Information("Ingest done: {Ingested} files ingested, {Skipped} skipped, {Refused} refused; rows {Rows} in {ElapsedMs} ms",
            report.FilesIngested, report.FilesSkipped, report.Refused.Count, report.Tables.Select(t => $"{t.Table}: {t.RowsOut}"),
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new StepOutput(commits, report);
    }

    /// <summary>The CSV parser's rejects of this run, with the landed files they came from.</summary>
    private sealed class Rejects(IReadOnlyDictionary<string, JsonNode> before)
    {
        public List<BronzeReject> Rows { get; } = [];

        public Dictionary<string, JsonNode?> Meta { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

        /// <summary>Takes a landed file's rejects unless this content's rejects are in the table already.</summary>
        public bool Add(SourceDefinition source, string name, string sha, IReadOnlyList<BronzeReject> rejects)
        {
            var key = $"rejected/{source.Name}/{name}";
            if (rejects.Count == 0 || before.GetValueOrDefault(key)?.GetValue<string>() == sha)
            {
                return false;
            }
            Rows.AddRange(rejects);
            Meta[key] = JsonValue.Create(sha);
            Inputs[LandingPrefix + name] = sha;
            return true;
        }
    }

    /// <summary>Reads the source's new landed files into one pending bronze version; null when there is nothing new.</summary>
    private async Task<PendingCommit?> IngestSourceAsync(TableStore store, SourceDefinition source, List<LandedFile> files, DateTime ingestedAt,
        LandingIndex index, Rejects rejects, StepReport report, CancellationToken ct)
    {
        var table = BronzeTable.Id(source);
        var landed = LandedFiles.Of(store.State(table));
        // The content each name holds now: a landing with one of these is a copy (or no change), not read again.
        var current = new Dictionary<string, (string Name, LandedVersion Version)>(StringComparer.Ordinal);
        foreach (var (name, versions) in landed)
        {
            current.TryAdd(versions[^1].Sha256, (name, versions[^1]));
        }
        var snapshot = options.For(source).Mode == SourceMode.Snapshot;
        var pending = store.Begin(table);
        var ingested = new Dictionary<string, LandedVersion>(StringComparer.Ordinal);
        long rows = 0, rejected = 0;
        try
        {
            using (var writer = new BronzeWriter(source, pending, store.RunId, ingestedAt))
            {
                foreach (var file in files)
                {
                    var name = file.Name;
                    var before = Stamp(file.Path);
                    string? sha;
                    try
                    {
                        sha = before is null ? null : await index.Sha256Async(file, before.Value, ct);
                    }
                    catch (Exception e) when (LandedFile.IsDamage(e))
                    {
                        Refuse(report, name, $"{name}: refused, the archive is damaged ({e.Message}): land it again, whole");
                        continue;
                    }
                    catch (LandingChangedException e)
                    {
                        Refuse(report, name, e.Message);
                        continue;
                    }
                    if (before is null || sha is null)
                    {
                        Defer(report, name, "it disappeared before it could be read");
                        continue;
                    }
                    if (current.TryGetValue(sha, out var same))
                    {
                        report.FilesSkipped++;
                        if (snapshot && (ingested.GetValueOrDefault(name) ?? landed.GetValueOrDefault(name)?[^1])?.Sha256 != sha)
                        {
                            // In a snapshot source the copy is a current file of its own: it keeps the rows it shares
                            // with the original when the original's next version drops them.
                            ingested[name] = same.Version with { StoredAs = same.Version.StoredAs ?? same.Name };
                            log.Information("Skipped {File}: a copy of {Original} ({Sha256}), whose rows in bronze {Source} it now holds too", name, same.Name, sha[..12], source.Name);
                            continue;
                        }
                        log.Information("Skipped {File}: its content ({Sha256}) is already in bronze {Source}", name, sha[..12], source.Name);
                        continue;
                    }
                    if (Read(file, before.Value, writer, store.RunId, ingested.Count + 1, index, report) is not var (result, buckets))
                    {
                        continue;
                    }
                    if (result.UnknownColumns.Count > 0)
                    {
                        var warning = $"{name}: left out column(s) the contract does not know for {source.Name}: {string.Join(", ", result.UnknownColumns)}";
                        report.Warnings.Add(warning);
                        log.Warning("{Warning}", warning);
                    }
                    if (rejects.Add(source, name, sha, result.Rejects))
                    {
                        log.Warning("{File}: {Rejects} record(s) the CSV parser could not read went to bronze/_rejects: {Reasons}",
                            name, result.Rejects.Count, result.Rejects.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count()));
                    }
                    ingested[name] = new LandedVersion(sha, store.RunId, result.Records, buckets);
                    current[sha] = (name, ingested[name]);
                    report.FilesIngested++;
                    rows += result.Records;
                    rejected += result.Rejects.Count;
                }
                writer.Finish();
                if (ingested.Count > 0 && !pending.HasFiles && (pending.Current?.Files.Count ?? 0) == 0)
                {
                    writer.WriteEmpty(); // a table folder always holds a readable version, even of header-only files
                }
            }
            report.Tables.Add(new TableCount(table.ToString(), rows + rejected, rows, Rejects: rejected));
            if (ingested.Count == 0)
            {
                pending.Dispose();
                return null;
            }
            return new PendingCommit(pending, TableStore.Append, _ => false,
                ingested.Select(i => LandedFiles.Entry(i.Key, [.. landed.GetValueOrDefault(i.Key) ?? [], i.Value])).ToDictionary(),
                ingested.ToDictionary(i => LandingPrefix + i.Key, i => i.Value.Sha256));
        }
        catch
        {
            pending.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads one landed file into the bronze writer: a small file whole (then it joins the run's shared files), a large
    /// one streamed into files of its own. Null when it was refused or left for the next run, with nothing of it written.
    /// </summary>
    private (CsvReadResult Result, IReadOnlyDictionary<string, long> Buckets)? Read(LandedFile file, (long Size, DateTime Modified) before,
        BronzeWriter writer, string batchId, int sequence, LandingIndex index, StepReport report)
    {
        var name = file.Name;
        var sourceOptions = options.For(file.Source);
        BronzeWriter.StreamedFile? streamed = null;
        try
        {
            if (before.Size <= SmallFileBytes && !file.Compressed)
            {
                var (records, result) = CsvSourceReader.ReadAll(file, sourceOptions, batchId);
                return Accepted(result) ? (result, writer.Append(records)) : null;
            }
            streamed = writer.Stream(name, sequence);
            var big = CsvSourceReader.Read(file, sourceOptions, batchId, streamed.Add);
            if (Accepted(big))
            {
                return (big, streamed.Complete());
            }
            streamed.Abandon();
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            streamed?.Abandon();
            Defer(report, name, "it disappeared while being read");
            return null;
        }
        catch (Exception e) when (LandedFile.IsDamage(e))
        {
            // A damaged archive: found while hashing, as a rule; this is for damage the hash pass could not see.
            streamed?.Abandon();
            Refuse(report, name, $"{name}: refused, the archive is damaged ({e.Message}): land it again, whole");
            return null;
        }
        catch (LandingChangedException e)
        {
            // Swapped after it was hashed: nothing of what the name points at now is read.
            streamed?.Abandon();
            Refuse(report, name, e.Message);
            return null;
        }

        bool Accepted(CsvReadResult result)
        {
            if (Stamp(file.Path) != before)
            {
                // Size or time changed while we read it: an upload still in progress. Nothing of it is written.
                Defer(report, name, "it changed while being read (still being written?)");
                return false;
            }
            if (result.Unterminated && !index.WasUnterminated(name))
            {
                // A cut last line would become a reject (or a cut value) that stays after the whole file is in.
                index.MarkUnterminated(name);
                Defer(report, name, "its last line has no line break (still being written?); it is taken whole once it ends with one, or as it is if the next run finds it unchanged");
                return false;
            }
            if (result.Unterminated)
            {
                log.Warning("{File}: its last line has no line break, but the file has not changed since the last run: taken as complete", name);
            }
            if (result.Refusal is not null)
            {
                Refuse(report, name, result.Refusal);
                return false;
            }
            return true;
        }
    }

    /// <summary>How a bronze commit's inputs name a landed file: <c>landing/&lt;file name&gt;</c>.</summary>
    public const string LandingPrefix = "landing/";

    private void Refuse(StepReport report, string name, string refusal)
    {
        report.Refused.Add(refusal);
        log.Error("Refused file {File}: {Reason}", name, refusal);
    }

    private void Defer(StepReport report, string name, string why)
    {
        var message = $"{name}: left for the next run, {why}";
        report.Deferred.Add(message);
        log.Warning("{Deferred}", message);
    }

    /// <summary>Size and last write time, or null when the file is gone.</summary>
    private static (long, DateTime)? Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
    }

    /// <summary>
    /// The SHA-256 of a landed CSV's bytes (lower-case hex; of the CSV inside, for a .csv.gz or a zip member), or null
    /// when it is gone: how bronze knows a content. A damaged archive throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static async Task<string?> Sha256Async(LandedFile file, CancellationToken ct)
    {
        try
        {
            await using var stream = file.Open();
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
