using System.Diagnostics;
using NbaLake.Ingest;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Transform;
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

/// <summary>Runs the requested stages in lifecycle order and turns what happened into an exit code.</summary>
public sealed class Job(PipelineOptions options, LakeLayout layout, TableStore store, ILogger log, TextWriter output)
{
    public async Task<int> RunAsync(Stages stages, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        log.Information("NbaLake {Stages} on lake {Lake} (landing {Landing})", stages.ToString(), layout.Root, layout.Landing);
        var stage = "job";
        try
        {
            IngestReport? ingest = null;
            if (stages.HasFlag(Stages.Ingest))
            {
                stage = "ingest";
                using var _ = LogContext.PushProperty("Stage", stage);
                ingest = await new IngestStage(layout, options.Sources, store, log).RunAsync(store.RunId, ct);
            }
            if (stages.HasFlag(Stages.Transform))
            {
                stage = "transform";
                using var _ = LogContext.PushProperty("Stage", stage);
                await new TransformStage(layout, options.Sources, store, log).RunAsync(ct);
            }
            if (stages.HasFlag(Stages.Publish))
            {
                stage = "publish";
                using var _ = LogContext.PushProperty("Stage", stage);
                var answers = await new PublishStage(layout, options.Publish, store, log).RunAsync(ct);
                AnswersPrinter.Print(answers, output);
            }
            var code = ingest is { Refused.Count: > 0 } ? ExitCodes.InputRefused : ExitCodes.Success;
            log.Information("Finished {Stages} in {ElapsedMs} ms with exit code {ExitCode}", stages.ToString(),
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, code);
            if (code == ExitCodes.InputRefused)
            {
                log.Error("{Refused} landed file(s) were refused whole and stay in landing; fix them and run again: {Files}",
                    ingest!.Refused.Count, ingest.Refused);
            }
            return code;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            using var _ = LogContext.PushProperty("Stage", stage);
            log.Fatal(e, "Stage {FailedStage} failed; every table keeps its last written version: {Message}", stage, e.Message);
            return ExitCodes.Failure;
        }
    }
}
