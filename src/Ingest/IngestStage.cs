using System.Diagnostics;
using System.Security.Cryptography;
using NbaLake.Storage;
using Serilog;

namespace NbaLake.Ingest;

/// <summary>Collect: landing CSVs → bronze Parquet. Each landed file's content is ingested once, known by its SHA-256.</summary>
public sealed class IngestStage(LakeLayout layout, SourcesOptions options, TableStore store, ILogger log)
{
    /// <summary>Ingests every new landed file; returns what it did.</summary>
    public async Task<IngestReport> RunAsync(string batchId, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var report = new IngestReport();
        var landing = LandingScan.Scan(layout.Landing, options);
        var landed = landing.Files;
        log.Information("Found {Files} landed files matching a source in {Landing}", landed.Count, layout.Landing);
        foreach (var refusal in landing.Refused)
        {
            report.Refused.Add(refusal);
            log.Error("Refused {Refusal}", refusal);
        }

        var ingestedAt = DateTime.UtcNow;
        var sequence = 0;
        var rejected = await BronzeTable.IngestedHashesAsync(layout, BronzeReject.Table, ct);
        foreach (var source in Sources.All)
        {
            var known = await BronzeTable.IngestedHashesAsync(layout, BronzeTable.Id(source), ct);
            foreach (var file in landed.Where(f => f.Source == source))
            {
                var before = Stamp(file.Path);
                if (before is null)
                {
                    Defer(report, file, "it disappeared before it could be read");
                    continue;
                }
                var sha = await Sha256Async(file.Path, ct);
                if (sha is null)
                {
                    Defer(report, file, "it disappeared while being read");
                    continue;
                }
                if (known.Contains(sha))
                {
                    report.FilesSkipped++;
                    log.Information("Skipped {File}: its content ({Sha256}) is already in bronze {Source}", Path.GetFileName(file.Path), sha[..12], source.Name);
                    continue;
                }
                sequence++;
                if (await IngestFileAsync(file, sha, before.Value, batchId, ingestedAt, sequence, rejected, report, ct))
                {
                    known.Add(sha);
                }
            }
        }
        if (report.FilesIngested == 0 && report.Refused.Count == 0)
        {
            log.Information("No new files in {Landing}: bronze is unchanged", layout.Landing);
        }
        log.Information("Ingest done: {Ingested} files ingested, {Skipped} skipped, {Refused} refused; rows {Rows}; rejects {Rejects} in {ElapsedMs} ms",
            report.FilesIngested, report.FilesSkipped, report.Refused.Count, report.RowsWritten, report.Rejects,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return report;
    }

    /// <summary>Reads one landed file into bronze; false when it was refused or left for the next run.</summary>
    private async Task<bool> IngestFileAsync(LandedFile file, string sha, (long, DateTime) before, string batchId, DateTime ingestedAt, int sequence,
        HashSet<string> rejected, IngestReport report, CancellationToken ct)
    {
        var source = file.Source;
        CsvReadResult result;
        try
        {
            result = CsvSourceReader.Read(file.Path, source, options.For(source), batchId, ingestedAt);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Defer(report, file, "it disappeared while being read");
            return false;
        }
        if (Stamp(file.Path) != before)
        {
            // Size or time changed while we read it: an upload still in progress. Nothing of it is written.
            Defer(report, file, "it changed while being read (still being written?)");
            return false;
        }
        if (result.Refusal is not null)
        {
            report.Refused.Add(result.Refusal);
            log.Error("Refused file {File}: {Reason}", Path.GetFileName(file.Path), result.Refusal);
            return false;
        }
        if (result.UnknownColumns.Count > 0)
        {
            var warning = $"{Path.GetFileName(file.Path)}: left out column(s) the contract does not know for {source.Name}: {string.Join(", ", result.UnknownColumns)}";
            report.Warnings.Add(warning);
            log.Warning("{Warning}", warning);
        }
        var name = $"part-{batchId}-{sequence:D4}.parquet";
        // Rejects are committed before the bronze file, which is what marks the landed file as done. Both carry the
        // landed file's hash, so a run that died in between does not append the same rejects twice.
        if (result.Rejects.Count > 0 && rejected.Add(sha))
        {
            await store.AppendAsync(BronzeReject.Table, [ParquetRows.File(name, result.Rejects, new Dictionary<string, string> { [BronzeTable.Sha256Key] = sha })],
                Landed(file, sha), ct);
            log.Warning("{File}: {Rejects} record(s) the CSV parser could not read went to bronze/_rejects: {Reasons}",
                Path.GetFileName(file.Path), result.Rejects.Count,
                result.Rejects.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count()));
        }
        await store.AppendAsync(BronzeTable.Id(source), [BronzeTable.File(result.File!, name, sha)], Landed(file, sha), ct);
        report.Written[name] = result.File!;
        report.FilesIngested++;
        report.RowsWritten[source.Name] = report.RowsWritten.GetValueOrDefault(source.Name) + result.File!.Records.Count;
        report.Rejects[source.Name] = report.Rejects.GetValueOrDefault(source.Name) + result.Rejects.Count;
        return true;
    }

    /// <summary>The lineage a bronze commit records: the landed file it read, by name, with its SHA-256.</summary>
    private static Dictionary<string, string> Landed(LandedFile file, string sha) =>
        new() { [$"{LandingPrefix}{Path.GetFileName(file.Path)}"] = sha };

    /// <summary>How a bronze commit's inputs name a landed file: <c>landing/&lt;file name&gt;</c>.</summary>
    public const string LandingPrefix = "landing/";

    private void Defer(IngestReport report, LandedFile file, string why)
    {
        var message = $"{Path.GetFileName(file.Path)}: left for the next run, {why}";
        report.Deferred.Add(message);
        log.Warning("{Deferred}", message);
    }

    /// <summary>Size and last write time, or null when the file is gone.</summary>
    private static (long, DateTime)? Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
    }

    /// <summary>The SHA-256 of a file's bytes (lower-case hex), or null when it is gone: how bronze knows a content.</summary>
    public static async Task<string?> Sha256Async(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
