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
/// is a new batch (lake-contract.md, Bronze). Each file's decision is <see cref="SourceIntake"/>'s, the same as
/// <see cref="IngestPreview"/> shows. The build step of every bronze table.
/// </summary>
public sealed class IngestStage(LakeLayout layout, SourcesOptions options, ILogger log) : IBuildStep
{
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
        log.Information("Found " + Counted.Hole("Files", landing.Files.Count, "landed file") + " matching a source in {Landing}", landing.Files.Count, layout.Landing);
        foreach (var decision in landing.SetAside)
        {
            Note(decision, report);
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
            if (rejects.Rows.Count > 0 || (commits.Count > 0 && store.State(BronzeReject.Table) is null))
            {
                // Rejects are committed before bronze, keyed by the landed files' content, so a run that died in
                // between does not append them twice when it reads the files again. The table starts with bronze,
                // empty if need be, as silver/_rejects does with silver: readers, status and history find both.
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
        var rows = report.Tables.Sum(t => t.RowsOut ?? 0);
        log.Information("Ingest done in {ElapsedMs} ms: " + Counted.Hole("Ingested", report.FilesIngested, "file") + " ingested ("
            + Counted.Hole("Rows:N0", rows, "row") + "), {Skipped} skipped, {Refused} refused",
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, report.FilesIngested, rows, report.FilesSkipped, report.Refused.Count);
        return new StepOutput(commits, report);
    }

    /// <summary>The CSV parser's rejects of this run, with the landed files they came from.</summary>
    private sealed class Rejects(IReadOnlyDictionary<string, JsonNode> before)
    {
        public List<BronzeReject> Rows { get; } = [];

        public Dictionary<string, JsonNode?> Meta { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

        /// <summary>Takes a file's rejects unless this content's rejects are in the table already.</summary>
        public bool Add(FileDecision file)
        {
            var key = $"rejected/{file.Source}/{file.File}";
            if (file.Rejects.Count == 0 || before.GetValueOrDefault(key)?.GetValue<string>() == file.Sha256)
            {
                return false;
            }
            Rows.AddRange(file.Rejects);
            Meta[key] = JsonValue.Create(file.Sha256);
            Inputs[LandingPrefix + file.File] = file.Sha256!;
            return true;
        }
    }

    /// <summary>Reads the source's new landed files into one pending bronze version; null when there is nothing new.</summary>
    private async Task<PendingCommit?> IngestSourceAsync(TableStore store, SourceDefinition source, List<LandedFile> files, DateTime ingestedAt,
        LandingIndex index, Rejects rejects, StepReport report, CancellationToken ct)
    {
        var table = BronzeTable.Id(source);
        var intake = new SourceIntake(source, options.For(source), store.State(table), index, store.RunId);
        var pending = store.Begin(table);
        long rows = 0, rejected = 0;
        try
        {
            using (var writer = new BronzeWriter(source, pending, store.RunId, ingestedAt))
            {
                var target = new BronzeTarget(writer, store.RunId);
                foreach (var file in files)
                {
                    var decision = await intake.DecideAsync(file, target, ct);
                    Note(decision, report);
                    if (decision.Action != FileAction.Ingest)
                    {
                        continue;
                    }
                    if (rejects.Add(decision))
                    {
                        log.Warning("{File}: {Rejects} record(s) the CSV parser could not read went to bronze/_rejects: {Reasons}",
                            decision.File, decision.Rejects.Count, decision.Rejects.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count()));
                    }
                    rows += decision.Records;
                    rejected += decision.Rejects.Count;
                }
                writer.Finish();
                if (intake.Taken.Count > 0 && !pending.HasFiles && (pending.Current?.Files.Count ?? 0) == 0)
                {
                    writer.WriteEmpty(); // a table folder always holds a readable version, even of header-only files
                }
            }
            report.Tables.Add(new TableCount(table.ToString(), rows + rejected, rows, Rejects: rejected));
            if (intake.Taken.Count == 0)
            {
                pending.Dispose();
                return null;
            }
            return new PendingCommit(pending, TableStore.Append, _ => false, intake.Meta(), intake.Inputs());
        }
        catch
        {
            pending.Dispose();
            throw;
        }
    }

    /// <summary>Logs a decision and counts it in the step's report.</summary>
    private void Note(FileDecision decision, StepReport report)
    {
        switch (decision.Action)
        {
            case FileAction.Ignore:
                report.Warnings.Add(decision.Message);
                log.Warning("Landing: {Ignored}", decision.Message);
                break;
            case FileAction.Refuse:
                report.Refused.Add(decision.Message);
                log.Error("Refused {Refusal}", decision.Message);
                break;
            case FileAction.Defer:
                report.Deferred.Add(decision.Message);
                log.Warning("{Deferred}", decision.Message);
                break;
            case FileAction.Skip:
                report.FilesSkipped++;
                log.Information("Skipped {File} ({Source}, {Sha256}): {Reason}", decision.File, decision.Source, decision.Sha256![..12], decision.Message);
                break;
            case FileAction.Ingest:
                report.FilesIngested++;
                foreach (var warning in decision.Warnings)
                {
                    report.Warnings.Add(warning);
                    log.Warning("{Warning}", warning);
                }
                break;
        }
    }

    /// <summary>How a bronze commit's inputs name a landed file: <c>landing/&lt;file name&gt;</c>.</summary>
    public const string LandingPrefix = "landing/";

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
