using System.Text;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

/// <summary>Valid landing files mutated at random: the job never crashes, and nothing is lost or unexplained.</summary>
public class FuzzTests
{
    /// <summary>
    /// Runs, one seed each. 20 is enough for every mutation kind to hit every file (the test checks it): more seeds only
    /// repeat kinds already tried on the same three small files.
    /// </summary>
    private const int Seeds = 20;

    private const int MutationKinds = 7;

    [Fact(Timeout = Timeouts.ManyRuns)]
    public async Task Mutated_csvs_never_crash_the_job_and_every_row_is_accounted_for_with_a_reason()
    {
        var (refused, unreadable) = (0, 0);
        // In name order, so a seed mutates the same file the same way on every machine.
        var originals = Directory.GetFiles(Repo.Fixture("small"), "*.csv").Order(StringComparer.Ordinal).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes);
        var kindsApplied = originals.Keys.ToDictionary(name => name, _ => new HashSet<int>());
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random(seed);
            using var lake = new TempLake();
            var mutations = new List<string>();
            foreach (var (name, bytes) in originals)
            {
                var data = bytes;
                for (var m = random.Next(0, 3); m > 0; m--)
                {
                    (data, var kind, var what) = Mutate(data, random);
                    kindsApplied[name].Add(kind);
                    mutations.Add($"{name}: {what}");
                }
                File.WriteAllBytes(Path.Combine(lake.Landing, name), data);
            }

            var (code, output) = await lake.RunAsync("run");

            var context = $"seed {seed} ({string.Join("; ", mutations)}): {output}";
            Assert.True(code is ExitCodes.Success or ExitCodes.InputRefused, $"exit code {code} for {context}");
            AssertAccounting(lake, "games", "games", context);
            AssertAccounting(lake, "game_details", "fct_game_details", context);
            refused += code == ExitCodes.InputRefused ? 1 : 0;
            using (var duck = new Duck())
            {
                unreadable += Directory.Exists(lake.Table("bronze", "_rejects"))
                    ? Convert.ToInt32(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(lake.Table("bronze", "_rejects"))}"))
                    : 0;
            }
        }
        // Every kind of damage was done to every file, and the mutations bite: some files are refused whole, and there are
        // more unreadable records than the fixture's own two.
        Assert.All(kindsApplied, f => Assert.True(f.Value.Count == MutationKinds, $"{f.Key} got only mutation kinds {string.Join(", ", f.Value.Order())} in {Seeds} seeds"));
        Assert.True(refused > 0 && unreadable > 2 * Seeds, $"{refused} runs refused a file; {unreadable} unreadable records in all");
    }

    private static void AssertAccounting(TempLake lake, string source, string silver, string context)
    {
        using var duck = new Duck();
        long Count(string layer, string table, string where = "") =>
            Directory.Exists(lake.Table(layer, table)) ? Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {Duck.ReadTable(lake.Table(layer, table))} {where}")) : 0;

        var bronze = Count("bronze", source);
        var kept = Count("silver", silver);
        var rejects = Count("silver", "_rejects", $"WHERE source = '{source}'");
        var duplicates = Convert.ToInt64(duck.Scalar(
            $"SELECT coalesce(sum(duplicates), 0)::BIGINT FROM {Duck.ReadTable(lake.Table("_ops", "pipeline_runs"))} WHERE table_name = 'silver.{silver}'"));
        Assert.True(bronze == kept + duplicates + rejects, $"{source}: bronze {bronze} != silver {kept} + duplicates {duplicates} + rejects {rejects} for {context}");
        Assert.Equal(0L, Count("silver", "_rejects", "WHERE reason = '' OR detail = '' OR reason IS NULL"));
        Assert.Equal(0L, Count("bronze", "_rejects", "WHERE reason = '' OR detail = '' OR reason IS NULL"));
    }

    /// <summary>One random damage of the kinds real uploads suffer.</summary>
    private static (byte[] Data, int Kind, string What) Mutate(byte[] data, Random random)
    {
        var kind = random.Next(MutationKinds);
        var (mutated, what) = Mutate(data, kind, random);
        return (mutated, kind, what);
    }

    private static (byte[] Data, string What) Mutate(byte[] data, int kind, Random random)
    {
        var text = Encoding.UTF8.GetString(data);
        var lines = text.Split('\n').ToList();
        switch (kind)
        {
            case 0:
                var cut = random.Next(data.Length + 1);
                return (data[..cut], $"cut at byte {cut}");
            case 1:
                var dup = random.Next(lines.Count);
                lines.Insert(dup, lines[dup]);
                return (Join(lines), $"line {dup + 1} duplicated");
            case 2:
                var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return (Join(lines), $"lines {a + 1} and {b + 1} swapped");
            case 3:
                var copy = (byte[])data.Clone();
                byte[] nasty = [(byte)'"', (byte)',', (byte)'\n', (byte)'\r', 0xFF, 0xC3, 0x00, (byte)'-', (byte)'9', (byte)'.'];
                for (var n = random.Next(1, 6); n > 0 && copy.Length > 0; n--)
                {
                    copy[random.Next(copy.Length)] = random.Next(2) == 0 ? nasty[random.Next(nasty.Length)] : (byte)random.Next(256);
                }
                return (copy, "bytes corrupted");
            case 4:
                var delimiter = random.Next(2) == 0 ? ";" : "\t";
                return (Encoding.UTF8.GetBytes(text.Replace(",", delimiter, StringComparison.Ordinal)), $"delimiter changed to '{delimiter}'");
            case 5:
                var columns = lines[0].Split(',').Length;
                var order = Enumerable.Range(0, columns).OrderBy(_ => random.Next()).ToArray();
                return (Join(lines.Select(l => l.Split(',') is var f && f.Length == columns ? string.Join(',', order.Select(i => f[i])) : l)), "columns reordered");
            default:
                var at = random.Next(lines.Count);
                lines.RemoveAt(at);
                return (Join(lines), $"line {at + 1} removed");
        }
    }

    private static byte[] Join(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));
}
