using System.Text.RegularExpressions;
using NbaLake.Tests.Support;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace NbaLake.Tests.Activate;

/// <summary>
/// Opens the report the job wrote over the shipped sample in a real headless Chromium (Debian's, installed by
/// scripts/test), and fails on any console error, failed load or missing chart. Screenshots of the light, dark and
/// phone views are kept in TestResults/report/ and attached to the test result.
/// </summary>
public class ReportBrowserTests
{
    private sealed record ChartState(string Id, bool Loaded, double Width, string Source, int DrawnWidth);

    private sealed record GridState(int Teams, int Seasons, string[] Wins, string[] Backgrounds, double Width);

    [Fact(Timeout = Timeouts.Job)]
    public async Task Report_opens_offline_in_chromium_with_every_chart_and_no_error_in_light_dark_and_phone_views()
    {
        using var lake = new TempLake(Path.Combine(Repo.Root, "lake", "landing"));
        var (code, output) = await lake.RunAsync("run");
        Assert.True(code == ExitCodes.Success, output);
        var report = Path.Combine(lake.Lake, "reports", "index.html");

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                errors.Add($"console {e.Message.Type}: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => errors.Add("page error: " + e.Message);
        page.RequestFailed += (_, e) => errors.Add("failed to load: " + e.Request.Url);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = 900 });
        await page.GoToAsync(new Uri(report).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });

        var light = await ChartsAsync(page);
        Assert.Equal(["scorers", "stretch", "streak"], light.Select(c => c.Id));
        Assert.All(light, c => Assert.True(c.Loaded && c.Width > 500, $"chart {c.Id} did not render (width {c.Width})"));
        // The wins grid is a table: a row per team, a column per season, each number on a colour of its own.
        var grid = await GridAsync(page);
        Assert.True(grid.Teams > 0 && grid.Seasons > 0 && grid.Wins.Length > 0, $"the wins grid is empty: {grid}");
        Assert.All(grid.Wins, w => Assert.Matches("^[0-9]+$", w));
        Assert.DoesNotContain("rgba(0, 0, 0, 0)", grid.Backgrounds);
        // The page shows the five answers the run printed, word for word.
        var printed = Regex.Matches(output[output.IndexOf("\nThe answers\n", StringComparison.Ordinal)..], @"^ {6}(\S.*)$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, printed.Count);
        Assert.Matches(@"^LeBron James scored over 10 points in \d+ games in a row, from \w+ \d+, \d{4} to \w+ \d+, \d{4}\.$", printed[4]);
        Assert.Equal(printed, await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('ol.answers li p.answer')].map(p => p.innerText)"));
        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateExpressionAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await KeepScreenshotAsync(page, "report-light.png");

        // A reader's colour scheme is known when the page loads: emulate it, then load the page again.
        await page.EmulateMediaFeaturesAsync([new MediaFeatureValue { MediaFeature = MediaFeature.PrefersColorScheme, Value = "dark" }]);
        await page.ReloadAsync(null, [WaitUntilNavigation.Load]);
        var dark = await ChartsAsync(page);
        Assert.Equal("rgb(13, 17, 23)", await page.EvaluateExpressionAsync<string>("getComputedStyle(document.body).backgroundColor"));
        Assert.All(light, c => Assert.Equal("light", c.Source));
        Assert.Equal(light.Select(c => c.Id), dark.Select(c => c.Id)); // never zero: light has its four
        Assert.All(dark, c => Assert.True(c.Loaded && c.Width > 500 && c.Source != "light" && c.DrawnWidth == 900, $"chart {c.Id} shows no wide dark version (width {c.Width})"));
        await KeepScreenshotAsync(page, "report-dark.png");

        await page.EmulateMediaFeaturesAsync([new MediaFeatureValue { MediaFeature = MediaFeature.PrefersColorScheme, Value = "light" }]);
        await page.SetViewportAsync(new ViewPortOptions { Width = 390, Height = 844, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true });
        await page.ReloadAsync(null, [WaitUntilNavigation.Load]);
        var phone = await ChartsAsync(page);
        Assert.Equal(light.Select(c => c.Id), phone.Select(c => c.Id));
        Assert.All(phone, c => Assert.True(c.Loaded && c.Width is > 300 and <= 390 && c.DrawnWidth == 480, $"chart {c.Id} is {c.Width}px wide on a 390px phone, drawn {c.DrawnWidth}px wide"));
        Assert.True((await GridAsync(page)).Width <= 390, "the wins grid is wider than a 390px phone: it should scroll inside its frame");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways on a phone");
        await KeepScreenshotAsync(page, "report-phone.png");

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static async Task<List<ChartState>> ChartsAsync(IPage page) => [.. await page.EvaluateExpressionAsync<ChartState[]>("""
        [...document.querySelectorAll('img.chart')].map(i => ({
            id: i.dataset.chart,
            loaded: i.complete && i.naturalWidth > 0,
            width: i.getBoundingClientRect().width,
            source: i.currentSrc === i.src ? 'light' : 'other',
            drawnWidth: i.naturalWidth }))
        """)];

    private static async Task<GridState> GridAsync(IPage page) => await page.EvaluateExpressionAsync<GridState>("""
        (() => {
            const grid = document.querySelector('#chart-wins table.grid');
            const cells = [...grid.querySelectorAll('tbody td')].filter(td => td.textContent !== '');
            return {
                teams: grid.tBodies[0].rows.length,
                seasons: grid.tHead.rows[0].cells.length - 1,
                wins: cells.map(td => td.textContent),
                backgrounds: cells.map(td => getComputedStyle(td).backgroundColor),
                width: grid.closest('.scroll').getBoundingClientRect().width };
        })()
        """);

    private static async Task KeepScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repo.Root, "TestResults", "report");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        TestContext.Current.AddAttachment(name, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), "image/png");
    }

    /// <summary>Debian's chromium, or NBALAKE_CHROMIUM; missing is a failure that says how to install it (scripts/test does).</summary>
    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("NBALAKE_CHROMIUM") is { Length: > 0 } set ? set : "/usr/bin/chromium";
        Assert.True(File.Exists(path), $"No Chromium at {path}: run scripts/test (it installs Debian's chromium), or set NBALAKE_CHROMIUM.");
        return path;
    }
}
