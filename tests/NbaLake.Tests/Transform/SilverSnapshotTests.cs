using NbaLake.Tests.Support;

namespace NbaLake.Tests.Transform;

public class SilverSnapshotTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Silver_of_the_small_fixture_matches_its_snapshot()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));

        Assert.Equal(0, (await lake.RunAsync("ingest")).ExitCode);
        Assert.Equal(0, (await lake.RunAsync("transform")).ExitCode);

        using var duck = new Duck();
        SnapshotAssert.Match(new[]
        {
            TableText.Read(duck, lake.Lake, "silver", "games"),
            TableText.Read(duck, lake.Lake, "silver", "fct_game_details"),
            TableText.Read(duck, lake.Lake, "silver", "_rejects"),
        }, "silver_small");
    }
}
