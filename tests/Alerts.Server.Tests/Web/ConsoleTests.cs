using Alerts.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alerts.Server.Tests.Web;

/// <summary>The editors' console and the demo page in a real Chromium, found by label and role as a person would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(RedisFixture redis, BrowserFixture browser) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TheConsoleSignsInPublishesCorrectsAndRetracts()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await SignInAsync(page, node);
        await Expect(page.GetByText("Signed in as desk (editor)")).ToBeVisibleAsync();

        await page.GetByLabel("Edition", new() { Exact = true }).SelectOptionAsync("en");
        const string headline = "Earthquake of magnitude 6.1 strikes off the coast";
        await page.GetByLabel("Headline").FillAsync(headline);
        await Expect(page.GetByText($"{headline.Length} / 280")).ToBeVisibleAsync();
        await Expect(page.Locator("#preview-bar")).ToContainTextAsync("Earthquake of magnitude 6.1");
        await page.GetByLabel("Link (URL)").FillAsync("https://news.example/quake");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Flash" }).CheckAsync();
        await page.GetByLabel("environment").CheckAsync();
        await page.GetByLabel("asia-pacific").CheckAsync();
        await page.GetByLabel("Send a push notification to phones").CheckAsync();
        await page.GetByLabel("Headline").PressAsync("Control+Enter");

        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Send a flash push to every phone?" });
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Send flash push" }).ClickAsync();
        await Expect(page.Locator("#compose-status")).ToContainTextAsync("Published to English");

        var published = page.Locator(".alert", new() { HasText = "Earthquake of magnitude 6.1" });
        await Expect(published).ToContainTextAsync("Published");
        var item = page.Locator($".alert[data-id='{await published.GetAttributeAsync("data-id")}']");
        await Expect(item).ToContainTextAsync("environment · asia-pacific");
        var stored = (await node.Public.GetJsonAsync("/api/v1/editions/en/ticker")).GetProperty("alerts")[0];
        Assert.Equal("flash", stored.GetProperty("urgency").GetString());
        Assert.True(stored.GetProperty("push").GetBoolean());

        await item.GetByRole(AriaRole.Button, new() { Name = "Correct" }).ClickAsync();
        await item.GetByLabel("Corrected headline").FillAsync("Earthquake of magnitude 6.4 strikes off the coast");
        await item.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Expect(item).ToContainTextAsync("Corrected · v2");
        await Expect(item.Locator(".alert-head")).Not.ToContainTextAsync("null");
        await Expect(item.Locator(".alert-headline")).ToHaveTextAsync("Earthquake of magnitude 6.4 strikes off the coast");

        await item.GetByRole(AriaRole.Button, new() { Name = "Delivery report" }).ClickAsync();
        await Expect(item.Locator(".delivery")).Not.ToContainTextAsync("Loading");
        await Expect(item.Locator(".delivery .delivery-sentence")).ToContainTextAsync("Push is off on this server, so no phone was notified.");
        await Expect(item.Locator(".delivery .receipts-summary")).ToHaveCountAsync(0);

        await item.GetByRole(AriaRole.Button, new() { Name = "Retract", Exact = true }).ClickAsync();
        await item.GetByLabel("Reason for retraction").FillAsync("The magnitude was not confirmed.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Retract alert" }).ClickAsync();
        await Expect(item).ToContainTextAsync("Retracted: The magnitude was not confirmed.");
        await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Correct" })).ToBeDisabledAsync();
        var ticker = await node.Public.GetJsonAsync("/api/v1/editions/en/ticker");
        Assert.Equal(0, ticker.GetProperty("alerts").GetArrayLength());

        await node.Editor.PublishAsync("en", "Published by a colleague from another desk");
        await Expect(page.Locator(".alert", new() { HasText = "Published by a colleague from another desk" })).ToBeVisibleAsync();
        await tab.ScreenshotAsync("console");
        await page.GetByLabel("Edition", new() { Exact = true }).SelectOptionAsync("ar");
        await Expect(page.GetByLabel("Headline")).ToHaveAttributeAsync("dir", "rtl");
        await page.GetByLabel("Headline").FillAsync("انفجار في ميناء بيروت");
        await Expect(page.Locator("#preview-bar")).ToHaveAttributeAsync("dir", "rtl");
        await tab.ScreenshotAsync("console-compose-ar");
        // The delivery report answers 404 until the push service reports delivery; Chromium logs that 404.
        tab.AssertNoScriptErrors(expectNetworkErrors: true);
    }

    [Fact]
    public async Task AWrongKeyAndABadUrlShowClearMessages()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync(new Uri(node.BaseAddress, "/console").ToString());

        await page.GetByLabel("API key").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "API key" })).ToHaveTextAsync("That API key is not valid. Check it and try again.");
        await Expect(page.GetByLabel("Headline")).Not.ToBeVisibleAsync();

        await page.GetByLabel("API key").FillAsync(TestKeys.Editor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Headline").FillAsync("Ceasefire announced");
        await page.GetByLabel("Link (URL)").FillAsync("ftp://files.example/ceasefire");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        var urlError = page.Locator("#url-error");
        await Expect(urlError).ToContainTextAsync("The link");
        await Expect(page.GetByLabel("Link (URL)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#compose-error")).ToContainTextAsync("The request has invalid fields.");
        await Expect(page.Locator("#headline-error")).ToBeEmptyAsync();
        await tab.ScreenshotAsync("console-bad-url");
        Assert.Equal(0, (await node.Public.GetJsonAsync("/api/v1/editions/en/ticker")).GetProperty("alerts").GetArrayLength());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('AlertsConsole:apiKey')"));
        tab.AssertNoScriptErrors(expectNetworkErrors: true);
    }

    [Fact]
    public async Task TheDemoPageShowsEveryEditionsTickerLive()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await node.Editor.PublishAsync("en", "Markets rally as inflation cools", new { url = "https://news.example/markets" });
        await node.Editor.PublishAsync("ar", "الأمم المتحدة تعلن هدنة إنسانية", new { urgency = "flash" });
        await using var tab = await browser.NewPageAsync();
        await tab.Page.GotoAsync(node.BaseAddress.ToString());

        await Expect(tab.Page.Locator(".alerts-ticker[data-state=live]")).ToHaveCountAsync(3);
        await node.Editor.PublishAsync("es", "El Congreso aprueba la reforma laboral");
        await Expect(tab.Page.Locator(".alerts-ticker[data-edition=es] .line")).ToContainTextAsync("El Congreso aprueba la reforma laboral");
        await Expect(tab.Page.Locator(".alerts-ticker[data-edition=ar] .label")).ToHaveTextAsync("عاجل");
        await Expect(tab.Page.GetByLabel("Embed snippet").First).ToHaveValueAsync($"<script src=\"{node.BaseAddress.GetLeftPart(UriPartial.Authority)}/ticker.js\" data-edition=\"en\" async></script>");
        await tab.ScreenshotAsync("demo");
        tab.AssertNoScriptErrors();
    }

    private static async Task SignInAsync(IPage page, AlertsNode node)
    {
        await page.GotoAsync(new Uri(node.BaseAddress, "/console").ToString());
        await page.GetByLabel("API key").FillAsync(TestKeys.Editor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
