using System.Diagnostics;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Spectre.Console;

namespace NbaLake.Terminal;

/// <summary>
/// A Serilog sink that turns the job's own log events into a live progress display on an interactive terminal:
/// one line per stage with the files and rows it has written and its rows per second. Warnings and errors are kept
/// and printed when the display closes (writing while it redraws would tear it). The JSON log file keeps everything.
/// </summary>
public sealed class LiveProgressSink(ProgressContext context) : ILogEventSink
{
    private sealed class Stage(ProgressTask task)
    {
        public ProgressTask Task { get; } = task;
        public long Started { get; } = Stopwatch.GetTimestamp();
        public long Files { get; set; }
        public long Rows { get; set; }
    }

    private readonly Lock gate = new();
    private readonly Dictionary<string, Stage> stages = [];
    private Stage? current;

    /// <summary>The warnings and errors logged while the display was up, rendered.</summary>
    public List<(LogEventLevel Level, string Message)> Problems { get; } = [];

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            if (logEvent.Level >= LogEventLevel.Warning)
            {
                Problems.Add((logEvent.Level, logEvent.RenderMessage(CultureInfo.InvariantCulture)));
            }
            if (!logEvent.Properties.TryGetValue("Stage", out var value) || value is not ScalarValue { Value: string name } || name == "job")
            {
                return;
            }
            if (!stages.TryGetValue(name, out var stage))
            {
                Finish(current);
                stage = stages[name] = new Stage(context.AddTask(name, maxValue: 1));
                stage.Task.IsIndeterminate = true;
                current = stage;
            }
            // The store's commit event says what each commit wrote: that is the stage's progress.
            if (Number(logEvent, "NewFiles") is { } files && Number(logEvent, "NewRows") is { } rows)
            {
                stage.Files += files;
                stage.Rows += rows;
            }
            Describe(name, stage);
        }
    }

    /// <summary>Marks the last stage done.</summary>
    public void Complete()
    {
        lock (gate)
        {
            Finish(current);
            current = null;
        }
    }

    private static void Finish(Stage? stage)
    {
        if (stage is not null)
        {
            stage.Task.IsIndeterminate = false;
            stage.Task.Value = stage.Task.MaxValue;
            stage.Task.StopTask();
        }
    }

    private static void Describe(string name, Stage stage)
    {
        var seconds = Math.Max(Stopwatch.GetElapsedTime(stage.Started).TotalSeconds, 0.001);
        stage.Task.Description = string.Create(CultureInfo.InvariantCulture,
            $"[bold]{name,-9}[/] {stage.Files,3} files  {stage.Rows,10:N0} rows written  {stage.Rows / seconds,10:N0} rows/s");
    }

    private static long? Number(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var v) && v is ScalarValue { Value: int or long } s ? Convert.ToInt64(s.Value, CultureInfo.InvariantCulture) : null;
}
