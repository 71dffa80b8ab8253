using NbaLake.Generate;

namespace NbaLake.Bench;

/// <summary>
/// The benchmark's inputs, generated once and cached under bench/data: a base landing (every game but the last
/// day's) and the last day as a separate drop, for the one-new-day incremental run.
/// </summary>
public static class DataSets
{
    /// <summary>Full size: like the public Kaggle release, about 25,000 games and 650,000 box-score rows (95 MB).</summary>
    public static readonly GeneratorOptions Full = new(Seasons: 20, Teams: 30, FirstSeason: 2003, Seed: 2026);

    /// <summary>Ten times that: 60 teams over 100 seasons (game ids are unique over 100 seasons only).</summary>
    public static readonly GeneratorOptions TenTimes = new(Seasons: 100, Teams: 60, FirstSeason: 1946, Seed: 2026);

    public static async Task<(string Base, string Day)> PrepareAsync(string root, string name, GeneratorOptions options)
    {
        var folder = Path.Combine(root, name);
        var (all, baseDir, day) = (Path.Combine(folder, "all"), Path.Combine(folder, "base"), Path.Combine(folder, "day"));
        if (File.Exists(Path.Combine(day, "games_details_day.csv")))
        {
            return (baseDir, day);
        }
        Console.WriteLine($"Generating the {name} data set ({options}) into {folder} …");
        await DataSetGenerator.WriteAsync(all, options);
        Directory.CreateDirectory(baseDir);
        Directory.CreateDirectory(day);
        var games = File.ReadAllLines(Path.Combine(all, "games.csv"));
        var lastDay = games.Skip(1).Select(l => l[..10]).Max(StringComparer.Ordinal)!;
        var dayIds = games.Skip(1).Where(l => l.StartsWith(lastDay, StringComparison.Ordinal)).Select(l => l.Split(',')[1]).ToHashSet();
        Split(Path.Combine(all, "games.csv"), l => dayIds.Contains(l.Split(',')[1]), Path.Combine(baseDir, "games.csv"), Path.Combine(day, "games_day.csv"));
        Split(Path.Combine(all, "games_details.csv"), l => dayIds.Contains(l[..l.IndexOf(',', StringComparison.Ordinal)]),
            Path.Combine(baseDir, "games_details.csv"), Path.Combine(day, "games_details_day.csv"));
        File.Copy(Path.Combine(all, "teams.csv"), Path.Combine(baseDir, "teams.csv"));
        Directory.Delete(all, recursive: true);
        return (baseDir, day);
    }

    private static void Split(string source, Func<string, bool> isDay, string basePath, string dayPath)
    {
        using var reader = new StreamReader(source);
        using var main = new StreamWriter(basePath);
        using var last = new StreamWriter(dayPath);
        var header = reader.ReadLine()!;
        main.Write(header + "\n");
        last.Write(header + "\n");
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            (isDay(line) ? last : main).Write(line + "\n");
        }
    }
}
