using System.Globalization;
using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform;
using NbaLake.Transform.Quality;

namespace NbaLake;

/// <summary>
/// <c>nbalake validate</c>: reads the landing folder as a run would (globs, headers, delimiter, every record, every
/// value's type) and says what a run would do, file by file, without writing anything: no lock, no log file, no
/// table. Silver rejects are a preview from the new files alone (with the games silver already has); a run also
/// dedupes against everything bronze holds.
/// </summary>
public sealed class Validation(PipelineOptions options, LakeLayout layout, TextWriter output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Prints the findings; returns the exit code a run would end with for the input (0, or 3 when a file would be refused).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        output.WriteLine($"Settings: valid. Lake {layout.Root}; landing {layout.Landing}.");
        var landing = LandingScan.Scan(layout.Landing, options.Sources);
        foreach (var other in landing.Ignored)
        {
            output.WriteLine($"  ignored   {other}");
        }
        foreach (var refusal in landing.Refused)
        {
            output.WriteLine($"  REFUSED   {refusal}");
        }

        var refused = landing.Refused.Count;
        var store = new TableStore(layout, "validate", Serilog.Core.Logger.None);
        store.ThrowIfHistoryLost();
        // The preview's rows carry a batch id shaped like a run's, so rules that read the ingest day from it (a game
        // dated more than a year after its ingest) judge them as the run would today.
        var batch = RunId.New(DateTime.UtcNow);
        var fresh = new Dictionary<SourceDefinition, List<BronzeFile>>();
        foreach (var source in Sources.All)
        {
            var known = LandedFiles.Of(store.State(BronzeTable.Id(source))).Values.Select(v => v[^1].Sha256).ToHashSet(StringComparer.Ordinal);
            foreach (var file in landing.Files.Where(f => f.Source == source))
            {
                var name = file.Name;
                string? sha;
                try
                {
                    sha = await IngestStage.Sha256Async(file, ct);
                }
                catch (Exception e) when (LandedFile.IsDamage(e))
                {
                    refused++;
                    output.WriteLine($"  REFUSED   {name}: refused, the archive is damaged ({e.Message}): land it again, whole");
                    continue;
                }
                catch (LandingChangedException e)
                {
                    refused++;
                    output.WriteLine($"  REFUSED   {e.Message}");
                    continue;
                }
                if (sha is null)
                {
                    output.WriteLine($"  gone      {name}: it disappeared while being checked");
                    continue;
                }
                if (!known.Add(sha))
                {
                    output.WriteLine($"  skip      {name} ({source.Name}): this content is already in bronze");
                    continue;
                }
                var (records, result) = CsvSourceReader.ReadAll(file, options.Sources.For(source), batch);
                if (result.Refusal is not null)
                {
                    refused++;
                    output.WriteLine($"  REFUSED   {result.Refusal}");
                    continue;
                }
                if (result.Unterminated)
                {
                    output.WriteLine($"  defer     {name} ({source.Name}): its last line has no line break (still being written?): a run leaves it for the next run, and takes it whole once it ends with one (or as it is, if a later run finds it unchanged)");
                    continue;
                }
                output.WriteLine(string.Create(Inv, $"  ingest    {name} ({source.Name}): {result.Records:N0} records"));
                if (result.UnknownColumns.Count > 0)
                {
                    output.WriteLine($"            warning: columns the contract does not know are left out: {string.Join(", ", result.UnknownColumns)}");
                }
                foreach (var group in result.Rejects.GroupBy(r => r.Reason))
                {
                    var first = group.First();
                    output.WriteLine(string.Create(Inv, $"            {group.Count():N0} record(s) to bronze/_rejects as {group.Key}, e.g. line {first.SourceLine}: {first.Detail}"));
                }
                (fresh.TryGetValue(source, out var files) ? files : fresh[source] = []).Add(records);
            }
        }
        PreviewSilver(store, fresh, batch);
        output.WriteLine(refused == 0
            ? "A run would succeed (exit code 0)."
            : $"A run would refuse {refused} file(s) and end with exit code {ExitCodes.InputRefused}: fix them as said above, then run again.");
        return refused == 0 ? ExitCodes.Success : ExitCodes.InputRefused;
    }

    /// <summary>
    /// Types the new games and box scores as transform would (with the games silver already has to join to, and the
    /// configured quality policies) and prints the rejects it would make, by reason and column.
    /// </summary>
    private void PreviewSilver(TableStore store, Dictionary<SourceDefinition, List<BronzeFile>> fresh, string batch)
    {
        if (fresh.Count == 0)
        {
            output.WriteLine("Nothing new to ingest: a run would change no table.");
            return;
        }
        var known = new Dictionary<int, GameRow>();
        if (store.State(Games.Table) is { } games)
        {
            foreach (var file in games.Files.Values)
            {
                foreach (var game in Columnar.Rows<GameRow>().Read(Path.Combine(layout.VersionFolder(Games.Table, games.Version), file.Path)))
                {
                    known[game.GameId] = game;
                }
            }
        }
        Action<Action<BronzeChunk>> Rows(SourceDefinition source) => onChunk =>
        {
            foreach (var file in fresh.GetValueOrDefault(source) ?? [])
            {
                onChunk(file.ToChunk(batch));
            }
        };
        var preview = SilverBucket.Build("preview", Rows(Sources.Games), Rows(Sources.GameDetails), options.Sources, new QualityGate(options.Quality), known);
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
