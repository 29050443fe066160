using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Alerts.Server.Tests.Web;

/// <summary>A page in its own browser context, collecting console errors and uncaught exceptions as they happen.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _errors = new();

    public BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"pageerror: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors => _errors.ToArray();

    /// <summary>
    /// Fails on any script error. <paramref name="expectNetworkErrors"/> is for tests that take the server away
    /// or send bad requests on purpose: Chromium then logs the refused connections and 4xx answers itself,
    /// which are not errors of the page's scripts.
    /// </summary>
    public void AssertNoScriptErrors(bool expectNetworkErrors = false)
    {
        var errors = _errors.Where(e => !(expectNetworkErrors && IsNetworkLog(e))).ToList();
        Assert.True(errors.Count == 0, "Script errors:\n" + string.Join("\n", errors));
    }

    private static bool IsNetworkLog(string error) =>
        error.StartsWith("console: Failed to load resource: ", StringComparison.Ordinal)
        || (error.StartsWith("console: WebSocket connection to ", StringComparison.Ordinal) && error.Contains(" failed: ", StringComparison.Ordinal));

    /// <summary>
    /// Saves a PNG under artifacts/screenshots at the repository root (git-ignored) for people to look at: the whole
    /// page, an <paramref name="element"/>, or with <paramref name="fullPage"/> false what the window shows.
    /// </summary>
    public async Task ScreenshotAsync(string name, ILocator? element = null, bool fullPage = true)
    {
        var path = Path.Combine(Artifacts.ScreenshotsDirectory, name + ".png");
        if (element is null)
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage }).WaitAsync(TimeSpan.FromSeconds(20));
        }
        else
        {
            await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path }).WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
}
