using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NbaLake.Activate;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Storage.Ops;
using NbaLake.Transform.Quality;
using Serilog;
using Serilog.Context;

namespace NbaLake;

/// <summary>The stages a command runs.</summary>
[Flags]
public enum Stages
{
    Ingest = 1,
    Transform = 2,
    Publish = 4,
    All = Ingest | Transform | Publish,
}

/// <summary>
/// Runs the requested stages — the build steps of the tables of their layers, through the <see cref="Runner"/> — holding
/// the lake lock, after bringing every table back to its last committed version; records the run in the ops table,
/// prints what a person needs to see (read back from the lake) and turns what happened into an exit code.
/// </summary>
public sealed class Job(PipelineOptions options, LakeLayout layout, TableStore store, IServiceProvider services, ILogger log, TextWriter output)
{
    private bool historyLost;

    /// <summary>The rows the last run recorded in <c>_ops/pipeline_runs</c> (for the run summary).</summary>
    public IReadOnlyList<PipelineRunRow> LastRun { get; private set; } = [];

    /// <param name="rebuild">Tables to rebuild from their upstream (<c>nbalake rebuild</c>) rather than bring up to date.</param>
    public async Task<int> RunAsync(Stages stages, CancellationToken ct, IReadOnlyList<TableId>? rebuild = null)
    {
        var started = Stopwatch.GetTimestamp();
        LakeLock? lakeLock;
        string? holder;
        try
        {
            lakeLock = LakeLock.TryAcquire(layout, store.RunId, out holder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Fatal(e, "Cannot use the lake {Lake}: {Message}. To fix: {Fix}", layout.Root, e.Message, LakeFailures.Fix(e, layout));
            return ExitCodes.Failure;
        }
        using var _ = lakeLock;
        if (lakeLock is null)
        {
            log.Error("The lake {Lake} is busy: {Holder} holds it. This run wrote nothing; try again when that run has finished", layout.Root, holder);
            return ExitCodes.LakeBusy;
        }
        log.Information("NbaLake {Stages} on lake {Lake} (landing {Landing})", stages.ToString(), layout.Root, layout.Landing);
        var runs = new PipelineRuns(store.RunId);
        var deadRun = LakeLock.RunIdOf(lakeLock.PreviousOwner);
        if (lakeLock.PreviousOwner is not null)
        {
            log.Warning("Took over the lake lock left by {Owner}, which ended without releasing it; recovering its tables", lakeLock.PreviousOwner);
        }

        var code = await RunStagesAsync(stages, runs, rebuild ?? [], ct);
        var rows = runs.Finish(code, ExitCodes.Status(code));
        LastRun = [.. rows];
        if (historyLost)
        {
            // Not even the run's own row: the next commit would start the ops table's history again.
            log.Information("Finished {Stages} with exit code {ExitCode}: nothing was committed", stages.ToString(), code);
            return code;
        }
        await PipelineRuns.RecordAsync(store, rows, deadRun, log, ct);
        if (code != ExitCodes.LakeDamaged)
        {
            // (It reads every table's files: the last one written stays until the lake is repaired.)
            await LakeViews.WriteCatalogAsync(LakeTables.All, store, log, ct);
        }
        var (writes, elapsed) = store.IcebergCost;
        log.Information("Iceberg metadata: written " + Counted.Hole("Writes", writes, "time") + " (commits and repairs), checked at recovery, in {IcebergMs} ms",
            writes, (long)elapsed.TotalMilliseconds);
        log.Information("Finished {Stages} in {ElapsedMs} ms with exit code {ExitCode}", stages.ToString(),
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, code);
        return code;
    }

    /// <summary>The layer whose tables each stage builds.</summary>
    private static readonly (Stages Stage, string Layer)[] StageLayers = [(Stages.Ingest, "bronze"), (Stages.Transform, "silver"), (Stages.Publish, "gold")];

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2067", Justification = Aot.OwnTypes)]
    private async Task<int> RunStagesAsync(Stages stages, PipelineRuns runs, IReadOnlyList<TableId> rebuild, CancellationToken ct)
    {
        var layers = StageLayers.Where(s => stages.HasFlag(s.Stage)).Select(s => s.Layer).ToHashSet(StringComparer.Ordinal);
        try
        {
            store.ThrowIfHistoryLost(rebuild);
            store.Recover();
            store.MarkForRebuild(rebuild);
            CheckFiles();
            var runner = new Runner(store, type => (IBuildStep)ActivatorUtilities.CreateInstance(services, type), log);
            var reports = await runner.RunAsync(LakeTables.All, d => layers.Contains(d.Table.Layer), ct);
            foreach (var report in reports)
            {
                runs.Add(report);
            }
            if (stages.HasFlag(Stages.Transform))
            {
                await PrintQualityAsync(ct);
            }
            if (stages.HasFlag(Stages.Publish))
            {
                using var __ = LogContext.PushProperty("Stage", "publish");
                await LakeViews.WriteReportAsync(store, options.Publish, log, ct);
                AnswersPrinter.Print(await PublishStage.ReadAnswersAsync(layout, ct), output);
            }
            var refused = reports.SelectMany(r => r.Refused).ToList();
            if (refused.Count > 0)
            {
                log.Error("{Refused} landed file(s) were refused whole and stay in landing; fix them and run again: {Files}", refused.Count, refused);
                return ExitCodes.InputRefused;
            }
            return ExitCodes.Success;
        }
        catch (StepFailedException e) when (e.InnerException is QualityGateException gate)
        {
            using var _ = LogContext.PushProperty("Stage", e.Step);
            log.Fatal("A quality rule with policy fail was broken; silver and gold keep their last version: {Message}. To fix: correct the data the example points at, or set the rule's policy (Quality:<rule> in pipeline.json) to warn or quarantine", gate.Message);
            return ExitCodes.QualityFailed;
        }
        catch (LakeHistoryLostException lost)
        {
            historyLost = true;
            log.Fatal("The lake is damaged, so this run stopped before writing anything. {Message} To fix: {Fix}", lost.Message, LakeFailures.Fix(lost, layout));
            return ExitCodes.LakeDamaged;
        }
        catch (Exception e) when (e is not OperationCanceledException && LakeFailures.DamageBehind(e, store) is { } damaged)
        {
            log.Fatal("The lake is damaged: its files are not what the commit log says, so this run stopped and wrote nothing more. {Message} To fix: {Fix}",
                damaged.Message, LakeFailures.Fix(damaged, layout));
            return ExitCodes.LakeDamaged;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var stage = e is StepFailedException failed ? failed.Step : "job";
            var cause = e is StepFailedException ? e.InnerException! : e;
            using var _ = LogContext.PushProperty("Stage", stage);
            log.Fatal(cause, "Stage {FailedStage} failed; every table keeps its last committed version: {Message}. To fix: {Fix}", stage, e.GetBaseException().Message,
                LakeFailures.Fix(e, layout));
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The cheap integrity check of every run: each table's current files exist with their logged sizes (a stat per
    /// file; <c>nbalake verify</c> hashes them). A run never builds on, or serves, a damaged table without saying so.
    /// </summary>
    private void CheckFiles()
    {
        var started = Stopwatch.GetTimestamp();
        var damaged = store.DamagedTables();
        if (damaged.Count > 0)
        {
            throw new LakeDamagedException(damaged);
        }
        log.Information("Checked the current files of every table against the commit logs (existence and size) in {ElapsedMs} ms", Ms(started));
    }

    /// <summary>A short data quality summary for the person reading the run's output: this run's rows of <c>_ops/quality</c>.</summary>
    private async Task PrintQualityAsync(CancellationToken ct)
    {
        var results = await QualityResultRow.OfRunAsync(store, ct);
        if (results.Count == 0)
        {
            return;
        }
        var broken = results.Where(r => r.Outcome != "passed").ToList();
        output.WriteLine($"Data quality: {results.Count} rules checked, {results.Count - broken.Count} passed, {broken.Count} broken");
        foreach (var r in broken)
        {
            output.WriteLine($"  {r.Outcome,-11} {r.TableName} {r.Rule}: {r.RowsFailing} of {r.RowsChecked} rows, e.g. {r.Example}");
        }
    }

    private static long Ms(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
