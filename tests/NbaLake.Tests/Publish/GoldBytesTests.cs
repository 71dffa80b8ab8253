using System.Security.Cryptography;
using NbaLake.Generate;
using NbaLake.Storage;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Publish;

/// <summary>
/// Guards optimisation work: the gold files of a generated data set (the benchmark's generator, smaller) keep
/// the same bytes, whatever the job does faster inside. A change that alters gold must update this snapshot
/// on purpose, with the reason in its commit.
/// </summary>
public class GoldBytesTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Gold_files_of_a_generated_data_set_keep_their_bytes()
    {
        using var lake = new TempLake();
        await DataSetGenerator.WriteAsync(lake.Landing, new GeneratorOptions(Seasons: 4, Teams: 8, FirstSeason: 2003, Seed: 2026), TestContext.Current.CancellationToken);

        Assert.Equal(0, (await lake.RunAsync("run")).ExitCode);

        // Keyed by table and the name each file was written under: its stored name adds data/ and the first digits of the same hash.
        var hashes = LakeCheck.GoldBytes(lake.Lake)
            .Select(f => (Table: f.Key.Replace('\\', '/').Split('/', 2)[0], File: f.Key.Replace('\\', '/').Split('/', 2)[1], f.Value))
            .Select(f => $"{f.Table}/{PendingVersion.Slot(f.File)}: {Convert.ToHexStringLower(SHA256.HashData(f.Value))}").ToArray();
        SnapshotAssert.Match(hashes, "gold_bytes");
    }
}
