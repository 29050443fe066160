using Alerts.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alerts.Server.Tests.Web;

/// <summary>The console's judgement as you type and one story across editions, in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StoryConsoleTests(RedisFixture redis, BrowserFixture browser) : IClassFixture<RedisFixture>
{
    // The previews wait for a pause in typing and then for the server: generous on a loaded machine.
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = 30_000 };

    [Fact]
    public async Task APreviewShowsTheServersLinesAndADuplicateIsWarnedAndPostedAnyway()
    {
        // The test nodes switch the guard off; this one keeps its window.
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?> { ["Alerts:Duplicates:Window"] = "00:30:00" });
        var first = await node.Editor.PublishAsync("en", "Gaza Health Ministry: 4 soldiers killed in strike on Rafah");
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await SignInAsync(page, node);

        await page.GetByLabel("Edition", new() { Exact = true }).SelectOptionAsync("en");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("GAZA HEALTH MINISTRY: 4 soldiers killed in strike on Rafah!");
        await Expect(page.Locator("#audience")).ToContainTextAsync("live ticker reader", Contains);
        await Expect(page.Locator("#preview-bar[data-source=server] .preview-line")).ToHaveTextAsync("GAZA HEALTH MINISTRY: 4 soldiers killed in strike on Rafah!", new() { Timeout = 30_000 });
        await Expect(page.Locator("#preview-bar .preview-label")).ToHaveTextAsync("BREAKING");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        var warning = page.Locator("#duplicate-warning");
        await Expect(warning).ToBeVisibleAsync(Visible);
        await Expect(warning).ToContainTextAsync("Gaza Health Ministry: 4 soldiers killed in strike on Rafah");
        await Expect(warning).ToContainTextAsync("% alike");
        await Expect(warning.Locator("bdi")).ToHaveTextAsync("Gaza Health Ministry: 4 soldiers killed in strike on Rafah");
        await Expect(warning).ToContainTextAsync(" — published ", Contains);
        await Expect(warning).ToContainTextAsync(" by desk");
        Assert.Equal(1, (await node.Public.GetJsonAsync("/api/v1/editions/en/ticker")).GetProperty("alerts").GetArrayLength());
        await tab.ScreenshotAsync("console-duplicate");

        var postAnyway = page.GetByRole(AriaRole.Button, new() { Name = "Post anyway" });
        await Expect(postAnyway).ToBeFocusedAsync();
        await postAnyway.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Published to" })).ToContainTextAsync("Published to English", Contains);
        await Expect(warning).ToBeHiddenAsync();
        var ticker = (await node.Public.GetJsonAsync("/api/v1/editions/en/ticker")).GetProperty("alerts");
        Assert.Equal(2, ticker.GetArrayLength());
        Assert.NotEqual(first.Alert.Id, ticker[0].GetProperty("id").GetString());
        // The refused POST's 409 is logged by Chromium as a network error.
        tab.AssertNoScriptErrors(expectNetworkErrors: true);
    }

    [Fact]
    public async Task AlsoPostInArabicLinksTheStoryAndRetractingOneVersionOffersTheOthers()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await SignInAsync(page, node);

        await page.GetByLabel("Edition", new() { Exact = true }).SelectOptionAsync("en");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Explosion at Beirut port, dozens injured");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Published to" })).ToContainTextAsync("Published to English", Contains);
        var english = (await node.Public.GetJsonAsync("/api/v1/editions/en/ticker")).GetProperty("alerts")[0].GetProperty("id").GetString()!;

        await page.GetByRole(AriaRole.Button, new() { Name = "Also post in العربية" }).ClickAsync();
        var headline = page.GetByLabel("Headline", new() { Exact = true });
        await Expect(headline).ToBeFocusedAsync();
        await Expect(headline).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.GetByLabel("Edition", new() { Exact = true })).ToHaveValueAsync("ar");
        await Expect(page.Locator("#story-link")).ToContainTextAsync("Linked to the story “Explosion at Beirut port, dozens injured”");
        await headline.FillAsync("انفجار في ميناء بيروت وعشرات الجرحى");
        await Expect(page.Locator("#preview-bar[data-source=server]")).ToHaveAttributeAsync("dir", "rtl", new() { Timeout = 30_000 });
        await tab.ScreenshotAsync("console-also-post-ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Published to" })).ToContainTextAsync("Published to العربية", Contains);
        await node.Editor.PublishAsync("es", "Explosión en el puerto de Beirut, decenas de heridos", new { storyId = english });

        var story = await node.Editor.GetJsonAsync($"/api/v1/stories/{english}");
        Assert.Equal(new[] { "en", "ar", "es" }, story.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("edition").GetString()).ToArray());

        await page.Locator("#also-post").GetByRole(AriaRole.Button, new() { Name = "Open the story" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Story: “Explosion at Beirut port, dozens injured”" })).ToBeVisibleAsync(Visible);
        var versions = page.Locator("#story-versions .story-version");
        await Expect(versions).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await Expect(page.Locator(".story-version[data-edition=ar] .story-version-headline")).ToHaveAttributeAsync("dir", "rtl");

        // Retract the English line alone: the other two stay live and are flagged.
        await page.GetByRole(AriaRole.Button, new() { Name = "Retract the English version" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Retract the English version?" });
        await Expect(dialog).ToBeVisibleAsync(Visible);
        await dialog.GetByLabel("Reason for retraction").FillAsync("The explosion was at a warehouse, not the port.");
        await dialog.GetByLabel("Also retract the 2 other live versions (ar, es)").UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Retract" }).ClickAsync();
        await Expect(page.Locator(".story-version[data-edition=en]")).ToHaveAttributeAsync("data-status", "retracted", new() { Timeout = 30_000 });
        await Expect(page.Locator(".story-version.left-live")).ToHaveCountAsync(2);
        await Expect(page.Locator(".story-version[data-edition=ar]")).ToContainTextAsync("Still live: a version in another edition was retracted.");
        await tab.ScreenshotAsync("console-story-left-live");

        // Retract the Arabic line and, as offered, the Spanish one with it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Retract the العربية version" }).ClickAsync();
        var retract = page.GetByRole(AriaRole.Dialog, new() { Name = "Retract the العربية version?" });
        await Expect(retract).ToBeVisibleAsync(Visible);
        await retract.GetByLabel("Reason for retraction").FillAsync("Wrong location.");
        await Expect(retract.GetByLabel("Also retract the 1 other live version (es)")).ToBeCheckedAsync();
        await retract.GetByRole(AriaRole.Button, new() { Name = "Retract" }).ClickAsync();
        await Expect(page.Locator(".story-version[data-status=retracted]")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await Expect(page.Locator(".story-version.left-live")).ToHaveCountAsync(0);
        await Expect(page.Locator("#story-status")).ToHaveTextAsync("Retracted 2 versions.");

        foreach (var edition in new[] { "en", "ar", "es" })
        {
            Assert.Equal(0, (await node.Public.GetJsonAsync($"/api/v1/editions/{edition}/ticker")).GetProperty("alerts").GetArrayLength());
        }

        tab.AssertNoScriptErrors(expectNetworkErrors: true);
    }

    private static async Task SignInAsync(IPage page, AlertsNode node)
    {
        await page.GotoAsync(new Uri(node.BaseAddress, "/console").ToString());
        await page.GetByLabel("API key").FillAsync(TestKeys.Editor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByLabel("Headline", new() { Exact = true })).ToBeVisibleAsync(Visible);
    }
}
