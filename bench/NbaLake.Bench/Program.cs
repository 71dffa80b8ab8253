using System.Globalization;
using BenchmarkDotNet.Running;
using NbaLake.Bench;

// nbalake-bench [compare] [--sizes full,10x] [--runs 3]   NbaLake against DuckDB, end to end, in separate processes
// nbalake-bench peer <repo> <landing> <lake>              the DuckDB pipeline alone (what compare starts)
// nbalake-bench micro [BenchmarkDotNet options]           micro-benchmarks of the hot paths
var command = args.FirstOrDefault() ?? "compare";
switch (command)
{
    case "peer":
        Peer.Run(args[1], args[2], args[3]);
        return 0;
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(Micro).Assembly).Run(args[1..]);
        return 0;
    case "compare":
        var sizes = Option("--sizes", "full").Split(',');
        var runs = int.Parse(Option("--runs", "3"), CultureInfo.InvariantCulture);
        return await Compare.RunAsync(sizes, runs);
    default:
        Console.Error.WriteLine($"unknown command '{command}': use compare, peer or micro");
        return 2;
}

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
