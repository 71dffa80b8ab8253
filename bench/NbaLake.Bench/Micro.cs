using BenchmarkDotNet.Attributes;
using NbaLake.Generate;
using NbaLake.Ingest;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Transform;
using NbaLake.Transform.Quality;

namespace NbaLake.Bench;

/// <summary>
/// Micro-benchmarks of the hot paths on one generated season (about 33,000 box-score rows): CSV reading, the silver
/// build of one game bucket (typing, join, dedupe, quality), the silver Parquet write, and the gold folds.
/// </summary>
[MemoryDiagnoser]
public class Micro
{
    private string folder = "";
    private TableStore store = null!;
    private List<BronzeChunk> games = [];
    private List<BronzeChunk> details = [];
    private List<GameDetailRow> silver = [];

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("nbalake-micro-").FullName;
        DataSetGenerator.WriteAsync(Path.Combine(folder, "landing"), new GeneratorOptions(1, 30, 2019, 1)).GetAwaiter().GetResult();
        var layout = new LakeLayout(Path.Combine(folder, "lake"), Path.Combine(folder, "landing"));
        store = new TableStore(layout, "micro", Serilog.Core.Logger.None);
        var log = Serilog.Core.Logger.None;
        new Runner(store, type => type == typeof(IngestStage) ? new IngestStage(layout, new SourcesOptions(), log)
                : new TransformStage(new SourcesOptions(), new Dictionary<string, QualityPolicy>(), log), log)
            .RunAsync(LakeTables.All, d => d.Table.Layer is "bronze" or "silver", CancellationToken.None).GetAwaiter().GetResult();
        games = Chunks(Sources.Games);
        details = Chunks(Sources.GameDetails);
        silver = Build().DetailRows;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark(Description = "CSV read (CsvHelper) into bronze records")]
    public long ReadCsv() => CsvSourceReader.Read(new LandedFile(Path.Combine(folder, "landing", "games_details.csv"), Sources.GameDetails), new SourceOptions(), "b", (_, _) => { }).Records;

    [Benchmark(Description = "silver build of a bucket: typing, join, dedupe, quality")]
    public int BuildSilver() => Build().DetailRows.Count;

    [Benchmark(Description = "Parquet write of silver (ParquetSharp)")]
    public long WriteParquet()
    {
        var path = Path.Combine(folder, "silver.parquet");
        Columnar.Rows<GameDetailRow>().Write(path, silver);
        return new FileInfo(path).Length;
    }

    [Benchmark(Description = "gold parts of the season (its part of every gold table), from silver")]
    public int Gold() => SeasonParts.Build(SilverScan.Seasons(store)[0].Read(_ => true), LakeTables.All, new PublishOptions()).Part<TeamBestStretchPart>().Teams.Count;

    private SilverBucket Build() =>
        SilverBucket.Build("g19", on => games.ForEach(on), on => details.ForEach(on), new SourcesOptions(), new QualityGate(new Dictionary<string, QualityPolicy>()));

    private List<BronzeChunk> Chunks(SourceDefinition source)
    {
        var state = store.State(BronzeTable.Id(source))!;
        var chunks = new List<BronzeChunk>();
        BronzeTable.Read(store.Layout.VersionFolder(BronzeTable.Id(source), state.Version), state.Files.Values, source, chunks.Add);
        return chunks;
    }
}
