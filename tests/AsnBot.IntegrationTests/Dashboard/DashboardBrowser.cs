using System.Text.RegularExpressions;
using AsnBot.BotApiEmulator;
using Microsoft.Playwright;

namespace AsnBot.IntegrationTests.Dashboard;

/// <summary>
/// Debian's chromium driven by Playwright (no browser download: <c>.ci/run</c> installs the apt package), with a
/// phone-sized window, and the way in a person takes: /dasbor to the bot, the link, the Masuk button.
/// </summary>
internal sealed partial class DashboardBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>The test output folder the screenshots go to.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,

            // Tests run as root in CI, where chromium refuses to start with its sandbox.
            Args = ["--no-sandbox"],
        });
        return new DashboardBrowser(playwright, browser);
    }

    /// <summary>A fresh browser profile (no cookies) in a phone's viewport.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "id-ID" });
        return await context.NewPageAsync();
    }

    /// <summary>Sends /dasbor as <paramref name="person"/> and returns the link the bot answers with.</summary>
    public static async Task<string> LinkAsync(Resident person)
    {
        var before = person.Messages.Count;
        await person.SendText("/dasbor");
        await person.WaitFor(messages => messages.Skip(before).Any(m => Link().IsMatch(m.Text)), TimeSpan.FromSeconds(20));
        return Link().Match(person.Messages.Skip(before).First(m => Link().IsMatch(m.Text)).Text).Value;
    }

    /// <summary>Opens the link and presses Masuk; returns the page that press led to (after the redirect home, or the refusal).</summary>
    public static async Task<IResponse> LogInAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#masuk"), r => r.Request.IsNavigationRequest && r.Status != 302);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response;
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    /// <summary>The cells of the first table row whose first cell is <paramref name="code"/>.</summary>
    public static Task<IReadOnlyList<string>> RowAsync(IPage page, string table, string code) =>
        page.Locator($"#{table} tbody tr").Filter(new LocatorFilterOptions { Has = page.Locator($"td:first-child:text-is('{code}')") }).First.Locator("td").AllInnerTextsAsync();

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/masuk\?t=[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
