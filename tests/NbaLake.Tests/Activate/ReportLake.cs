using NbaLake.Activate.Report;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Tests.Support;
using Serilog.Core;

namespace NbaLake.Tests.Activate;

/// <summary>The small fixture run once (a 2-game stretch, so every chart has data) and the report's data read from it.</summary>
internal static class ReportLake
{
    public static async Task<ReportData> RunAndLoadAsync(TempLake lake)
    {
        lake.LandFolder(Repo.Fixture("small"));
        Assert.Equal(ExitCodes.Success, (await lake.RunAsync("run", "--Publish:StretchGames=2")).ExitCode);
        var store = new TableStore(new LakeLayout(lake.Lake, lake.Landing), "report-test", Logger.None);
        return await ReportDataBuilder.LoadAsync(store, new PublishOptions { StretchGames = 2 }, TestContext.Current.CancellationToken);
    }
}
