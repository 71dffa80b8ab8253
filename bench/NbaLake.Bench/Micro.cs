using BenchmarkDotNet.Attributes;
using NbaLake.Generate;
using NbaLake.Ingest;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Bench;

/// <summary>
/// Micro-benchmarks of the hot paths on one generated season (about 33,000 box-score rows): CSV reading and
/// typing, dedupe and join (the silver build), Parquet writing, and the gold window computations.
/// </summary>
[MemoryDiagnoser]
public class Micro
{
    private string folder = "";
    private List<BronzeRow> games = [];
    private List<BronzeRow> details = [];
    private Dictionary<int, GameRow> gamesById = [];
    private List<GameDetailRow> silver = [];
    private GoldInput input = null!;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("nbalake-micro-").FullName;
        DataSetGenerator.WriteAsync(Path.Combine(folder, "landing"), new GeneratorOptions(1, 30, 2019, 1)).GetAwaiter().GetResult();
        var layout = new LakeLayout(Path.Combine(folder, "lake"), Path.Combine(folder, "landing"));
        var store = new TableStore(layout, "micro", Serilog.Core.Logger.None);
        new IngestStage(layout, new SourcesOptions(), store, Serilog.Core.Logger.None).RunAsync("micro").GetAwaiter().GetResult();
        games = BronzeTable.ReadAsync(layout, Sources.Games).GetAwaiter().GetResult();
        details = BronzeTable.ReadAsync(layout, Sources.GameDetails).GetAwaiter().GetResult();
        gamesById = Games.Build(games, new SourceOptions()).Rows.ToDictionary(g => g.GameId);
        silver = FctGameDetails.Build(details, gamesById, new SourceOptions()).Rows;
        input = new GoldInput(silver, new PublishOptions());
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark(Description = "CSV read (CsvHelper) into bronze records")]
    public int ReadCsv() => CsvSourceReader.Read(Path.Combine(folder, "landing", "games_details.csv"), Sources.GameDetails, new SourceOptions(), "b", DateTime.UnixEpoch).File!.Records.Count;

    [Benchmark(Description = "silver build: typing, join to games, dedupe")]
    public int BuildSilver() => FctGameDetails.Build(details, gamesById, new SourceOptions()).Rows.Count;

    [Benchmark(Description = "Parquet write of silver (Parquet.Net serializer)")]
    public long WriteParquet()
    {
        using var stream = new MemoryStream();
        ParquetRows.File("x.parquet", silver).WriteAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
        return stream.Length;
    }

    [Benchmark(Description = "gold GROUPING SETS (agg_game_details)")]
    public int Aggregate() => AggGameDetails.Build(input).Count;

    [Benchmark(Description = "gold windows (best stretch + scoring streaks)")]
    public int Windows() => TeamBestStretch.Build(input, 90).Count + PlayerScoringStreaks.Build(input, 10).Count;
}
