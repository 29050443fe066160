using System.Net;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alerts.Server.Tests.Web;

/// <summary>The embeddable ticker in a real Chromium, on a publisher's page of another origin.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TickerTests(RedisFixture redis, BrowserFixture browser) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ATickerOnAnotherOriginShowsANewLineWithinASecond()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await using var tab = await OpenLiveTickerAsync(site, "en");

        await node.Editor.PublishAsync("en", "Central bank raises rates by half a point", new { url = "https://news.example/rates", urgency = "flash" });

        var line = tab.Page.Locator(".alerts-ticker .line", new() { HasText = "Central bank raises rates by half a point" });
        await Expect(line).ToBeVisibleAsync(new() { Timeout = 1000 });
        Assert.Equal("https://news.example/rates", await line.Locator("a").GetAttributeAsync("href"));
        await Expect(tab.Page.Locator(".alerts-ticker .label")).ToHaveTextAsync("BREAKING");
        Assert.NotEqual(node.BaseAddress.GetLeftPart(UriPartial.Authority), await tab.Page.EvaluateAsync<string>("location.origin"));

        await node.Editor.PublishAsync("en", "Storm warning issued for the east coast", new { url = "https://news.example/storm" });
        await node.Editor.PublishAsync("en", "Election results due within the hour", new { urgency = "update" });
        await Expect(tab.Page.Locator(".alerts-ticker .line")).ToHaveCountAsync(3);
        await tab.ScreenshotAsync("ticker-en", tab.Page.Locator("#breaking"));
        await tab.ScreenshotAsync("publisher-page-en");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task TwoTickersShareOnePageAndAddOnlyOneGlobal()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await using var tab = await browser.NewPageAsync();
        await tab.Page.GotoAsync(site.PlainPage.ToString());
        var plainGlobals = await tab.Page.EvaluateAsync<string[]>("Object.keys(window)");

        await tab.Page.GotoAsync(site.PageFor("en", "ar").ToString());
        await Expect(tab.Page.Locator(".alerts-ticker[data-state=live]")).ToHaveCountAsync(2);
        await node.Editor.PublishAsync("en", "English line");
        await node.Editor.PublishAsync("ar", "سطر عربي");

        await Expect(tab.Page.Locator("#breaking-en .line")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^English line"));
        await Expect(tab.Page.Locator("#breaking-ar .line")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^سطر عربي"));
        var globals = await tab.Page.EvaluateAsync<string[]>("Object.keys(window)");
        Assert.Equal(["AlertsTicker"], globals.Except(plainGlobals));
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task TheArabicTickerRunsRightToLeftWithItsLabel()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await node.Editor.PublishAsync("ar", "مجلس الأمن يعقد جلسة طارئة بشأن غزة", new { url = "https://news.example/ar/1" });
        await using var tab = await OpenLiveTickerAsync(site, "ar");

        await node.Editor.PublishAsync("ar", "ارتفاع أسعار النفط بعد قرار أوبك+", new { urgency = "flash" });

        var bar = tab.Page.Locator(".alerts-ticker .bar");
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "ارتفاع أسعار النفط" })).ToBeVisibleAsync();
        await Expect(bar).ToHaveAttributeAsync("dir", "rtl");
        await Expect(bar).ToHaveAttributeAsync("lang", "ar");
        await Expect(tab.Page.Locator(".alerts-ticker .label")).ToHaveTextAsync("عاجل");
        Assert.Equal("rtl", await bar.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        var label = await tab.Page.Locator(".alerts-ticker .label").BoundingBoxAsync();
        var viewport = await tab.Page.Locator(".alerts-ticker .viewport").BoundingBoxAsync();
        Assert.True(label!.X > viewport!.X, "The label stands on the right of an rtl bar.");
        await tab.ScreenshotAsync("ticker-ar", tab.Page.Locator("#breaking"));
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ACorrectionChangesTheLineInPlace()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await using var tab = await OpenLiveTickerAsync(site, "en");
        var published = await node.Editor.PublishAsync("en", "Minister resigns over budget row");
        var line = tab.Page.Locator($".alerts-ticker .line[data-id='{published.Alert.Id}']");
        await Expect(line).ToContainTextAsync("Minister resigns over budget row");
        await line.EvaluateAsync("e => { e.dataset.marker = 'same element'; }");

        using var response = await node.Editor.PatchJsonAsync($"/api/v1/alerts/{published.Alert.Id}", new { headline = "Finance minister resigns over budget row" });
        await Api.ReadEventAsync(response, HttpStatusCode.OK);

        await Expect(line).ToContainTextAsync("Finance minister resigns over budget row");
        await Expect(line).ToHaveAttributeAsync("data-version", "2");
        await Expect(line).ToHaveAttributeAsync("data-marker", "same element");
        await Expect(tab.Page.Locator(".alerts-ticker .line")).ToHaveCountAsync(1);
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ARetractionRemovesTheLine()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await using var tab = await OpenLiveTickerAsync(site, "es");
        var kept = await node.Editor.PublishAsync("es", "El Gobierno aprueba los presupuestos");
        var wrong = await node.Editor.PublishAsync("es", "Dimite el alcalde de la capital");
        await Expect(tab.Page.Locator(".alerts-ticker .line")).ToHaveCountAsync(2);

        using var response = await node.Editor.PostJsonAsync($"/api/v1/alerts/{wrong.Alert.Id}/retract", new { reason = "Not confirmed." });
        await Api.ReadEventAsync(response, HttpStatusCode.OK);

        await Expect(tab.Page.Locator($".alerts-ticker .line[data-id='{wrong.Alert.Id}']")).ToHaveCountAsync(0);
        await Expect(tab.Page.Locator($".alerts-ticker .line[data-id='{kept.Alert.Id}']")).ToBeVisibleAsync();
        await Expect(tab.Page.Locator(".alerts-ticker .label")).ToHaveTextAsync("ÚLTIMA HORA");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task AfterAServerRestartTheTickerShowsLinesPublishedWhileItWasDisconnected()
    {
        var prefix = RedisFixture.NewPrefix();
        var fixedPort = new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{LoopbackPorts.Next()}" };
        var node = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: fixedPort);
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await using var tab = await OpenLiveTickerAsync(site, "en");
        await node.Editor.PublishAsync("en", "Before the restart");
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "Before the restart" })).ToBeVisibleAsync();

        await node.DisposeAsync();
        await Expect(tab.Page.Locator(".alerts-ticker")).Not.ToHaveAttributeAsync("data-state", "live");
        await using (var other = await AlertsNode.StartAsync(redis.ConnectionString, prefix))
        {
            await other.Editor.PublishAsync("en", "Published while the ticker was disconnected");
        }

        await using var restarted = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: fixedPort);
        Assert.Equal(node.BaseAddress, restarted.BaseAddress);
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "Published while the ticker was disconnected" }))
            .ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(tab.Page.Locator(".alerts-ticker")).ToHaveAttributeAsync("data-state", "live");
        await restarted.Editor.PublishAsync("en", "After the restart");
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "After the restart" })).ToBeVisibleAsync();
        await Expect(tab.Page.Locator(".alerts-ticker .line")).ToHaveCountAsync(3);
        tab.AssertNoScriptErrors(expectNetworkErrors: true);
    }

    [Fact]
    public async Task ATickerThatMissedMoreThanTheLogKeepsTakesTheServersTickerFromTheReset()
    {
        var prefix = RedisFixture.NewPrefix();
        var settings = new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{LoopbackPorts.Next()}", ["Alerts:Redis:Retention"] = "100" };
        var node = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: settings);
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await using var tab = await OpenLiveTickerAsync(site, "en");
        var first = await node.Editor.PublishAsync("en", "Seen before the outage");
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "Seen before the outage" })).ToBeVisibleAsync();

        await node.DisposeAsync();
        await using (var other = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: new Dictionary<string, string?> { ["Alerts:Redis:Retention"] = "100" }))
        {
            using var retracted = await other.Editor.PostJsonAsync($"/api/v1/alerts/{first.Alert.Id}/retract", new { reason = "Wrong." });
            await Api.ReadEventAsync(retracted, HttpStatusCode.OK);
            for (var i = 1; i <= 150; i++)
            {
                await other.Editor.PublishAsync("en", $"Outage line {i}");
            }
        }

        await using var restarted = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: settings);
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "Seen before the outage" })).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(tab.Page.Locator(".alerts-ticker .line")).ToHaveCountAsync(5);
        // The newest five; alerts published within one millisecond have no defined order on the server, hence the range.
        foreach (var text in await tab.Page.Locator(".alerts-ticker .line .headline").AllTextContentsAsync())
        {
            Assert.Matches("^Outage line 1(4[0-9]|50)$", text);
        }

        await restarted.Editor.PublishAsync("en", "Live again after the reset");
        await Expect(tab.Page.Locator(".alerts-ticker .line").First).ToContainTextAsync("Live again after the reset");
        tab.AssertNoScriptErrors(expectNetworkErrors: true);
    }

    [Fact]
    public async Task AReloadShowsRecentLinesAtOnceAndContinuesWithoutAGap()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await using var tab = await OpenLiveTickerAsync(site, "en");
        await node.Editor.PublishAsync("en", "Seen before the reload");
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "Seen before the reload" })).ToBeVisibleAsync();

        // With the API unreachable, only what the ticker kept in sessionStorage can show the line.
        await tab.Page.RouteAsync("**/api/v1/**", route => route.AbortAsync());
        await tab.Page.ReloadAsync();
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "Seen before the reload" })).ToBeVisibleAsync(new() { Timeout = 2000 });
        await Expect(tab.Page.Locator(".alerts-ticker")).Not.ToHaveAttributeAsync("data-state", "live");
        await node.Editor.PublishAsync("en", "Published during the reload");

        await tab.Page.UnrouteAllAsync();
        await Expect(tab.Page.Locator(".alerts-ticker .line", new() { HasText = "Published during the reload" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(tab.Page.Locator(".alerts-ticker .line")).ToHaveCountAsync(2);
        tab.AssertNoScriptErrors(expectNetworkErrors: true);
    }

    [Fact]
    public async Task AnExpiredLineLeavesTheTicker()
    {
        var shortTtl = new Dictionary<string, string?> { ["Alerts:TickerTtl"] = "00:00:03" };
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: shortTtl);
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        await using var tab = await OpenLiveTickerAsync(site, "en");

        await node.Editor.PublishAsync("en", "A line that lives three seconds");

        var line = tab.Page.Locator(".alerts-ticker .line", new() { HasText = "A line that lives three seconds" });
        await Expect(line).ToBeVisibleAsync();
        await Expect(line).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(tab.Page.Locator(".alerts-ticker")).ToBeHiddenAsync();
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task TheBarPausesOnHoverAndFocusAndStandsStillUnderReducedMotion()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        for (var i = 1; i <= 5; i++)
        {
            await node.Editor.PublishAsync("en", $"Long enough headline number {i} to make the bar overflow its width", new { url = $"https://news.example/{i}" });
        }

        await using var tab = await OpenLiveTickerAsync(site, "en");
        var track = tab.Page.Locator(".alerts-ticker .track");
        Assert.Equal("running", await track.EvaluateAsync<string>("e => e.getAnimations()[0].playState"));
        await tab.Page.Locator(".alerts-ticker .viewport").HoverAsync();
        Assert.Equal("paused", await track.EvaluateAsync<string>("e => e.getAnimations()[0].playState"));
        await tab.Page.Mouse.MoveAsync(5, 600);
        Assert.Equal("running", await track.EvaluateAsync<string>("e => e.getAnimations()[0].playState"));

        await tab.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("https://news.example/5", await tab.Page.EvaluateAsync<string>("document.activeElement.shadowRoot.activeElement.href"));
        Assert.Equal(0, await track.EvaluateAsync<int>("e => e.getAnimations().length"));

        await tab.Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await tab.Page.ReloadAsync();
        await Expect(tab.Page.Locator(".alerts-ticker .line")).ToHaveCountAsync(5);
        Assert.Equal(0, await track.EvaluateAsync<int>("e => e.getAnimations().length"));
        Assert.Equal("auto", await tab.Page.Locator(".alerts-ticker .viewport").EvaluateAsync<string>("e => getComputedStyle(e).overflowX"));
        tab.AssertNoScriptErrors();
    }

    private async Task<BrowserPage> OpenLiveTickerAsync(PublisherSite site, string edition)
    {
        var tab = await browser.NewPageAsync();
        await tab.Page.GotoAsync(site.PageFor(edition).ToString());
        // A first connect that fails on a loaded machine is retried after 0.5 s, then 1 s, then 2 s: wait past three of them.
        await Expect(tab.Page.Locator(".alerts-ticker")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 15_000 });
        return tab;
    }
}
