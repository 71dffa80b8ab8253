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
        var landed = LandingScan.Scan(layout.Landing, options);
        log.Information("Found {Files} landed files matching a source in {Landing}", landed.Count, layout.Landing);

        var ingestedAt = DateTime.UtcNow;
        var sequence = 0;
        foreach (var source in Sources.All)
        {
            var known = await BronzeTable.IngestedHashesAsync(layout, BronzeTable.Id(source), ct);
            foreach (var file in landed.Where(f => f.Source == source))
            {
                var sha = await Sha256Async(file.Path, ct);
                if (!known.Add(sha))
                {
                    report.FilesSkipped++;
                    log.Information("Skipped {File}: its content ({Sha256}) is already in bronze {Source}", Path.GetFileName(file.Path), sha[..12], source.Name);
                    continue;
                }
                sequence++;
                await IngestFileAsync(file, sha, batchId, ingestedAt, sequence, report, ct);
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

    private async Task IngestFileAsync(LandedFile file, string sha, string batchId, DateTime ingestedAt, int sequence, IngestReport report, CancellationToken ct)
    {
        var source = file.Source;
        var result = CsvSourceReader.Read(file.Path, source, options.For(source), batchId, ingestedAt);
        if (result.Refusal is not null)
        {
            report.Refused.Add(result.Refusal);
            log.Error("Refused file {File}: {Reason}", Path.GetFileName(file.Path), result.Refusal);
            return;
        }
        if (result.UnknownColumns.Count > 0)
        {
            log.Warning("{File}: left out column(s) the contract does not know for {Source}: {Columns}",
                Path.GetFileName(file.Path), source.Name, result.UnknownColumns);
        }
        var name = $"part-{batchId}-{sequence:D4}.parquet";
        // Rejects are committed before the bronze file, which is what marks the landed file as done. Both carry the
        // landed file's hash, so a run that died in between does not append the same rejects twice.
        if (result.Rejects.Count > 0 && !(await BronzeTable.IngestedHashesAsync(layout, BronzeReject.Table, ct)).Contains(sha))
        {
            await store.AppendAsync(BronzeReject.Table, [ParquetRows.File(name, result.Rejects, new Dictionary<string, string> { [BronzeTable.Sha256Key] = sha })], ct);
            log.Warning("{File}: {Rejects} record(s) the CSV parser could not read went to bronze/_rejects: {Reasons}",
                Path.GetFileName(file.Path), result.Rejects.Count,
                result.Rejects.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count()));
        }
        await store.AppendAsync(BronzeTable.Id(source), [BronzeTable.File(result.File!, name, sha)], ct);
        report.FilesIngested++;
        report.RowsWritten[source.Name] = report.RowsWritten.GetValueOrDefault(source.Name) + result.File!.Records.Count;
        report.Rejects[source.Name] = report.Rejects.GetValueOrDefault(source.Name) + result.Rejects.Count;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
