using NbaLake.Storage;

namespace NbaLake.Ingest;

/// <summary>
/// What a run's ingest would do with the landing folder as it is now, and the records of the files it would take in,
/// read into memory and written nowhere (not even the landing index): <c>nbalake validate</c>'s dry run. Every
/// decision is the run's own, made by <see cref="LandingScan"/> and <see cref="SourceIntake"/>.
/// </summary>
/// <param name="Decisions">One per landing entry: the entries the scan set aside, then each source's files in name order.</param>
/// <param name="Files">The records of the files a run would take in, by source.</param>
public sealed record IngestPreview(IReadOnlyList<FileDecision> Decisions, IReadOnlyDictionary<SourceDefinition, IReadOnlyList<BronzeFile>> Files)
{
    /// <summary>Decides about every landed file as a run with id <paramref name="batchId"/> would, against the bronze tables of <paramref name="store"/>.</summary>
    public static async Task<IngestPreview> OfAsync(LakeLayout layout, SourcesOptions options, TableStore store, string batchId, CancellationToken ct)
    {
        var landing = LandingScan.Scan(layout.Landing, options);
        var decisions = new List<FileDecision>(landing.SetAside);
        var files = new Dictionary<SourceDefinition, IReadOnlyList<BronzeFile>>();
        var index = LandingIndex.Load(layout);
        foreach (var source in Sources.All)
        {
            var intake = new SourceIntake(source, options.For(source), store.State(BronzeTable.Id(source)), index, batchId);
            var memory = new MemoryTarget(batchId);
            foreach (var file in landing.Files.Where(f => f.Source == source))
            {
                decisions.Add(await intake.DecideAsync(file, memory, ct));
            }
            files[source] = memory.Files;
        }
        return new IngestPreview(decisions, files);
    }
}
