using System.Globalization;
using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake;

/// <summary>
/// <c>nbalake validate</c>: prints the decisions a run's stages would make, writing nothing (no lock, no log file, no
/// table): ingest's, file by file (<see cref="IngestPreview"/>), and the rejects transform would make of the new files
/// (<see cref="SilverPreview"/>).
/// </summary>
public sealed class Validation(PipelineOptions options, LakeLayout layout, TextWriter output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Prints the findings; returns the exit code a run would end with for the input (0, or 3 when a file would be refused).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        output.WriteLine($"Settings: valid. Lake {layout.Root}; landing {layout.Landing}.");
        var store = new TableStore(layout, "validate", Serilog.Core.Logger.None);
        store.ThrowIfHistoryLost();
        // The preview's rows carry a batch id shaped like a run's, so rules that read the ingest day from it (a game
        // dated more than a year after its ingest) judge them as the run would today.
        var batch = RunId.New(DateTime.UtcNow);
        var ingest = await IngestPreview.OfAsync(layout, options.Sources, store, batch, ct);
        foreach (var decision in ingest.Decisions)
        {
            Print(decision);
        }
        if (ingest.Files.Values.All(f => f.Count == 0))
        {
            output.WriteLine("Nothing new to ingest: a run would change no table.");
        }
        else
        {
            PrintSilver(SilverPreview.Build(store, ingest.Files, options.Sources, options.Quality, batch));
        }
        var refused = ingest.Decisions.Count(d => d.Action == FileAction.Refuse);
        output.WriteLine(refused == 0
            ? "A run would succeed (exit code 0)."
            : $"A run would refuse {refused} file(s) and end with exit code {ExitCodes.InputRefused}: fix them as said above, then run again.");
        return refused == 0 ? ExitCodes.Success : ExitCodes.InputRefused;
    }

    private void Print(FileDecision d)
    {
        output.WriteLine(d.Action switch
        {
            FileAction.Ignore => $"  ignored   {d.Message}",
            FileAction.Refuse => $"  REFUSED   {d.Message}",
            FileAction.Defer => $"  defer     {d.Message}",
            FileAction.Skip => $"  skip      {d.File} ({d.Source}): {d.Message}",
            _ => $"  ingest    {d.File} ({d.Source}): {d.Message}",
        });
        foreach (var warning in d.Warnings)
        {
            output.WriteLine($"            warning: {warning}");
        }
        foreach (var group in d.Rejects.GroupBy(r => r.Reason))
        {
            var first = group.First();
            output.WriteLine(string.Create(Inv, $"            {group.Count():N0} record(s) to bronze/_rejects as {group.Key}, e.g. line {first.SourceLine}: {first.Detail}"));
        }
    }

    /// <summary>The rejects transform would make of the new files, by source, reason and column, most first.</summary>
    private void PrintSilver(SilverBucket preview)
    {
        output.WriteLine(string.Create(Inv,
            $"Silver preview of the new files: {preview.GameRows.Count:N0} games and {preview.DetailRows.Count:N0} box-score rows would pass; {preview.Rejects.Count:N0} would be rejected."));
        foreach (var group in preview.Rejects.GroupBy(r => (r.Source, r.Reason, r.Column)).OrderByDescending(g => g.Count()))
        {
            var first = group.First();
            output.WriteLine(string.Create(Inv,
                $"  {group.Count(),8:N0} {group.Key.Source} {group.Key.Reason} ({group.Key.Column}), e.g. {first.SourceFile} line {first.SourceLine}, value '{first.Value}': {first.Detail}"));
        }
    }
}
