using NbaLake.Generate;

namespace NbaLake.Bench;

/// <summary>
/// The benchmark's inputs, generated once and cached under bench/data: a base landing (every game but the last
/// day's) and the last day as a separate drop, for the one-new-day incremental run.
/// </summary>
public static class DataSets
{
    /// <summary>The shapes, by name: full size is like the public Kaggle release (about 25,000 games and 660,000 box-score rows, 95 MB).</summary>
    public static IReadOnlyDictionary<string, GeneratorOptions> Shapes { get; } = new Dictionary<string, GeneratorOptions>
    {
        ["full"] = new(Seasons: 20, Teams: 30, FirstSeason: 2003, Seed: 2026),
        // Ten times that, two ways: many seasons (75 from 1950-51: every season played, as the job expects of real data;
        // 100 from 1946 reached 2045-46, and the job rightly quarantined the 19 seasons after next year) ...
        ["10x"] = new(Seasons: 75, Teams: 80, FirstSeason: 1950, Seed: 2026),
        // ... and many teams: about 330,000 box-score rows per season, the largest game bucket NbaLake builds at once.
        ["10x-wide"] = new(Seasons: 20, Teams: 300, FirstSeason: 2003, Seed: 2026),
        // Thirty times, as wide as 10x-wide: the same bucket size over three times the history (run by hand).
        ["30x"] = new(Seasons: 60, Teams: 300, FirstSeason: 1960, Seed: 2026),
    };

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
        var lastDay = File.ReadLines(Path.Combine(all, "games.csv")).Skip(1).Select(l => l[..10]).Max(StringComparer.Ordinal)!;
        var dayIds = File.ReadLines(Path.Combine(all, "games.csv")).Skip(1).Where(l => l.StartsWith(lastDay, StringComparison.Ordinal))
            .Select(l => l.Split(',')[1]).ToHashSet();
        Split(Path.Combine(all, "games.csv"), l => dayIds.Contains(l.Split(',')[1]), Path.Combine(baseDir, "games.csv"), Path.Combine(day, "games_day.csv"));
        Split(Path.Combine(all, "games_details.csv"), l => dayIds.Contains(l[..l.IndexOf(',', StringComparison.Ordinal)]),
            Path.Combine(baseDir, "games_details.csv"), Path.Combine(day, "games_details_day.csv"));
        File.Copy(Path.Combine(all, "teams.csv"), Path.Combine(baseDir, "teams.csv"));
        Directory.Delete(all, recursive: true);
        return (baseDir, day);
    }

    /// <summary>
    /// A landing of <paramref name="files"/> small files: half of them one game's line of games.csv each, half that
    /// game's box scores, as an upstream that exports game by game would drop them.
    /// </summary>
    public static async Task<string> SmallFilesAsync(string root, int files)
    {
        var folder = Path.Combine(root, $"small-{files}");
        if (Directory.Exists(folder) && Directory.GetFiles(folder).Length == files)
        {
            return folder;
        }
        var source = Path.Combine(root, "small-source");
        if (!File.Exists(Path.Combine(source, "games_details.csv")))
        {
            await DataSetGenerator.WriteAsync(source, new GeneratorOptions(Seasons: 10, Teams: 30, FirstSeason: 2010, Seed: 2026));
        }
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        var games = File.ReadAllLines(Path.Combine(source, "games.csv"));
        var picked = games.Skip(1).Take(files / 2).ToDictionary(l => l.Split(',')[1], l => l);
        var details = File.ReadLines(Path.Combine(source, "games_details.csv")).Skip(1)
            .Select(l => (Game: l[..l.IndexOf(',', StringComparison.Ordinal)], Line: l)).Where(x => picked.ContainsKey(x.Game))
            .GroupBy(x => x.Game).ToDictionary(g => g.Key, g => g.Select(x => x.Line).ToList());
        var header = File.ReadLines(Path.Combine(source, "games_details.csv")).First();
        foreach (var (id, line) in picked)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"games_{id}.csv"), games[0] + "\n" + line + "\n");
            await File.WriteAllTextAsync(Path.Combine(folder, $"games_details_{id}.csv"), string.Join('\n', [header, .. details.GetValueOrDefault(id) ?? []]) + "\n");
        }
        return folder;
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
