using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Web;
using static Microsoft.Playwright.Assertions;

namespace Alerts.Server.Tests.Reference;

/// <summary>The API reference page in a real Chromium that may reach nothing but this server.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferencePageTests(RedisFixture redis, BrowserFixture browser) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TheReferencePageRendersTheDocumentWithoutTheInternet()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var tab = await browser.NewPageAsync();
        var origin = node.BaseAddress.GetLeftPart(UriPartial.Authority);
        var elsewhere = new List<string>();
        await tab.Context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(origin, StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (elsewhere)
                {
                    elsewhere.Add(route.Request.Url);
                }

                await route.AbortAsync();
            }
        });

        await tab.Page.GotoAsync(new Uri(node.BaseAddress, "/api/docs").ToString());

        await Expect(tab.Page.GetByText("Alerts API").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // Only the document names these; the page itself knows nothing of the API.
        await Expect(tab.Page.Locator("body")).ToContainTextAsync("retract", new() { Timeout = 15_000 });
        await Expect(tab.Page.Locator("body")).ToContainTextAsync("Breaking-news alerts: publish, correct and retract", new() { Timeout = 15_000 });
        await tab.ScreenshotAsync("api-reference");
        lock (elsewhere)
        {
            Assert.True(elsewhere.Count == 0, "The page asked other hosts for:\n" + string.Join("\n", elsewhere));
        }
    }
}
