using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

public class BronzeSnapshotTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Bronze_of_the_small_fixture_matches_its_snapshot()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));

        var (code, _) = await lake.RunAsync("ingest");

        Assert.Equal(0, code);
        using var duck = new Duck();
        SnapshotAssert.Match(new[]
        {
            TableText.Read(duck, lake.Lake, "bronze", "games"),
            TableText.Read(duck, lake.Lake, "bronze", "game_details"),
            TableText.Read(duck, lake.Lake, "bronze", "teams"),
            TableText.Read(duck, lake.Lake, "bronze", "_rejects"),
        }, "bronze_small");
    }
}
