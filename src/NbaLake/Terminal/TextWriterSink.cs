using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace NbaLake.Terminal;

/// <summary>Log lines to a <see cref="TextWriter"/> that is not the console (the writer a test hands the CLI).</summary>
public sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            formatter.Format(logEvent, writer);
        }
    }
}
