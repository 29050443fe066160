using Microsoft.Playwright;

namespace Alerts.Server.Tests.Web;

/// <summary>
/// One headless Chromium for the browser tests (<see cref="BrowserCollection"/>): Debian's <c>/usr/bin/chromium</c>, which test.sh installs;
/// Playwright never downloads a browser here. Each test opens its own context, so storage is fresh.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs chromium.");
        }

        _playwright = await Playwright.CreateAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 30_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        }).WaitAsync(TimeSpan.FromSeconds(40));
    }

    /// <summary>
    /// A guard against a hung browser, not a measure: a new page starts a renderer process, which took
    /// over ten seconds while the whole suite and a build shared the two cores.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A fresh context (own storage) and page that records every script error.</summary>
    public async Task<BrowserPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } })
            .WaitAsync(StartTimeout);
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync().WaitAsync(StartTimeout);
        return new BrowserPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        _playwright?.Dispose();
    }
}
