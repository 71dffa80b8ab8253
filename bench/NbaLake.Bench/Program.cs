using System.Globalization;
using BenchmarkDotNet.Running;
using NbaLake.Bench;

// nbalake-bench [compare] [--sizes full,10x,10x-wide] [--runs 3] [--no-peer]   NbaLake against DuckDB, end to end, in separate processes
// nbalake-bench small-files [--counts 1000,10000]                                many one-game landed files in one run
// nbalake-bench landings [--size full] [--runs 3]                              plain CSV against .csv.gz, .zip and snapshot mode
// nbalake-bench prepare [--sizes full,10x,10x-wide,30x]                          generate and cache the data sets only
// nbalake-bench peer <repo> <landing> <lake>                                     the DuckDB pipeline alone (what compare starts)
// nbalake-bench micro [BenchmarkDotNet options]                                  micro-benchmarks of the hot paths
var command = args.FirstOrDefault() ?? "compare";
switch (command)
{
    case "peer":
        Peer.Run(args[1], args[2], args[3]);
        return 0;
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(Micro).Assembly).Run(args[1..]);
        return 0;
    case "small-files":
        return await Compare.SmallFilesAsync([.. Option("--counts", "1000,10000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]);
    case "landings":
        return await Compare.LandingsAsync(Option("--size", "full"), int.Parse(Option("--runs", "3"), CultureInfo.InvariantCulture));
    case "prepare":
        foreach (var size in Option("--sizes", "full").Split(','))
        {
            Console.WriteLine(await DataSets.PrepareAsync(Path.Combine(Compare.FindRepo(), "bench", "data"), size, DataSets.Shapes[size]));
        }
        return 0;
    case "compare":
        var sizes = Option("--sizes", "full").Split(',');
        var unknown = sizes.FirstOrDefault(s => !DataSets.Shapes.ContainsKey(s));
        if (unknown is not null)
        {
            Console.Error.WriteLine($"unknown size '{unknown}': use {string.Join(", ", DataSets.Shapes.Keys)}");
            return 2;
        }
        var runs = int.Parse(Option("--runs", "3"), CultureInfo.InvariantCulture);
        return await Compare.RunAsync(sizes, runs, peer: !args.Contains("--no-peer"));
    default:
        Console.Error.WriteLine($"unknown command '{command}': use compare, small-files, landings, prepare, peer or micro");
        return 2;
}

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
