using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Alerts.Server.Tests.Desk.DeskKeyring;
using static Microsoft.Playwright.Assertions;

namespace Alerts.Server.Tests.Web;

/// <summary>The desk in the console: an editor submits, a chief approves from a live queue, a ticker shows it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskConsoleTests(RedisFixture redis, BrowserFixture browser) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AnEditorsFlashWaitsForTheChiefWhoApprovesItFromALiveQueueThenTheTickerShowsIt()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: Settings(new Dictionary<string, string?> { ["Alerts:Approval:Mode"] = "editors" }));
        await using var editorTab = await browser.NewPageAsync(new() { TimezoneId = "Europe/Madrid" });
        await using var chiefTab = await browser.NewPageAsync();
        await using var tickerTab = await browser.NewPageAsync();
        await tickerTab.Page.GotoAsync(node.BaseAddress.ToString());
        await Expect(tickerTab.Page.Locator(".alerts-ticker[data-edition=en][data-state=live]")).ToHaveCountAsync(1);
        var editor = editorTab.Page;
        var chief = chiefTab.Page;
        await SignInAsync(editor, node, EnEditor);
        await SignInAsync(chief, node, EnChief);
        await Expect(editor.GetByText("Signed in as en-editor (editor) · editions: en")).ToBeVisibleAsync();
        await Expect(chief.GetByText("Signed in as en-chief (chief) · editions: en")).ToBeVisibleAsync();
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).Not.ToBeVisibleAsync();

        await editor.GetByLabel("Schedule for later").CheckAsync();
        await editor.GetByLabel("Publish at", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'12:00", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(editor.Locator("#publish-at-note")).ToContainTextAsync("Europe/Madrid · 11:00 UTC");
        await editor.GetByLabel("Schedule for later").UncheckAsync();
        const string headline = "Parliament votes to dissolve itself";
        await editor.GetByLabel("Headline").FillAsync(headline);
        await editor.GetByRole(AriaRole.Radio, new() { Name = "Flash" }).CheckAsync();
        await editor.GetByLabel("Send a push notification to phones").CheckAsync();
        await editor.GetByLabel("Headline").PressAsync("Control+Enter");
        await editor.GetByRole(AriaRole.Dialog, new() { Name = "Send a flash push to every phone?" })
            .GetByRole(AriaRole.Button, new() { Name = "Send flash push" }).ClickAsync();
        await Expect(editor.Locator("#compose-status")).ToContainTextAsync("Waiting for approval");
        await Expect(editor.Locator(".waiting-item", new() { HasText = headline })).ToContainTextAsync("pending");

        await Expect(chief.Locator("#queue-badge")).ToHaveTextAsync("1 awaiting your approval");
        var queued = chief.Locator(".waiting-item", new() { HasText = headline });
        await Expect(queued.Locator(".preview-bar")).ToContainTextAsync("BREAKING" + headline);
        await Expect(queued.Locator(".notification")).ToContainTextAsync(headline);
        await queued.GetByRole(AriaRole.Button, new() { Name = "History" }).ClickAsync();
        var history = chief.GetByRole(AriaRole.Dialog, new() { Name = "History" });
        await Expect(history).ToContainTextAsync("en-editor submitted");
        await history.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        Assert.Equal(0, (await node.Public.GetJsonAsync("/api/v1/editions/en/ticker")).GetProperty("alerts").GetArrayLength());
        await Expect(tickerTab.Page.Locator(".alerts-ticker[data-edition=en]")).Not.ToContainTextAsync(headline);

        await queued.GetByRole(AriaRole.Button, new() { Name = "Approve and push" }).ClickAsync();
        var confirm = chief.GetByRole(AriaRole.Dialog, new() { Name = "Approve and send this push?" });
        await Expect(confirm.Locator(".notification")).ToContainTextAsync(headline);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Approve and push" }).ClickAsync();
        await Expect(tickerTab.Page.Locator(".alerts-ticker[data-edition=en] .line")).ToContainTextAsync(headline);
        await Expect(chief.Locator("#queue-badge")).ToBeHiddenAsync();
        await chief.GetByRole(AriaRole.Button, new() { Name = "Audit log" }).ClickAsync();
        await chief.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(chief.Locator("#audit-list")).ToContainTextAsync("en-chief approved");
        await Expect(editor.Locator(".waiting-item", new() { HasText = headline })).ToHaveCountAsync(0);
        await chiefTab.ScreenshotAsync("console-desk-chief");
        editorTab.AssertNoScriptErrors();
        chiefTab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ACorrectionThatWaitsShowsAsWaitingOnTheAlertAndInTheChiefsQueueBesideNewSubmissions()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: Settings(new Dictionary<string, string?> { ["Alerts:Approval:Mode"] = "editors" }));
        await using var editorTab = await browser.NewPageAsync(DeskOutcomeConsoleTests.Laptop);
        await using var chiefTab = await browser.NewPageAsync(DeskOutcomeConsoleTests.Phone);
        var editor = editorTab.Page;
        var chief = chiefTab.Page;
        await SignInAsync(editor, node, EnEditor);
        await SignInAsync(chief, node, EnChief);
        const string published = "Storm closes the coastal road";
        const string corrected = "Storm closes the coastal road and the port";
        const string submitted = "Evacuation ordered for the harbour district";
        using var editorApi = node.ClientAs(EnEditor);
        await editorApi.PublishAsync("en", published);
        await editorApi.SubmitWaitingAsync("en", submitted, new { push = true });

        var item = editor.Locator(".alert", new() { HasText = published });
        await item.GetByRole(AriaRole.Button, new() { Name = "Correct" }).ClickAsync();
        await item.GetByLabel("Corrected headline").FillAsync(corrected);
        await item.GetByLabel("Notify phones again (replaces the earlier notification)").CheckAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();

        await Expect(item.Locator(".correction-waiting")).ToHaveTextAsync($"Correction waiting for approval: {corrected}");
        await Expect(item.Locator(".alert-headline")).ToHaveTextAsync(published);
        await Expect(item.Locator(".alert-head")).ToContainTextAsync("Published");
        Assert.Equal(published, (await node.Public.GetJsonAsync("/api/v1/editions/en/ticker")).GetProperty("alerts")[0].GetProperty("headline").GetString());
        await editor.ReloadAsync();
        await Expect(editor.Locator(".alert", new() { HasText = published }).Locator(".correction-waiting")).ToHaveTextAsync($"Correction waiting for approval: {corrected}");

        await Expect(chief.Locator("#queue-badge")).ToHaveTextAsync("2 awaiting your approval");
        var waitingCorrection = chief.Locator(".waiting-item.correction", new() { HasText = corrected });
        await Expect(waitingCorrection).ToContainTextAsync("Correction of a published alert");
        await Expect(chief.Locator(".waiting-item[data-kind=submission]", new() { HasText = submitted })).ToBeVisibleAsync();
        await editorTab.ScreenshotAsync("console-correction-waiting-editor-1366");
        await chiefTab.ScreenshotAsync("console-correction-waiting-chief-390");
        await waitingCorrection.GetByRole(AriaRole.Button, new() { Name = "Approve and push" }).ClickAsync();
        await chief.GetByRole(AriaRole.Dialog, new() { Name = "Approve and send this push?" })
            .GetByRole(AriaRole.Button, new() { Name = "Approve and push" }).ClickAsync();

        var approved = editor.Locator(".alert", new() { HasText = corrected });
        await Expect(approved.Locator(".alert-head")).ToContainTextAsync("Corrected · v2");
        await Expect(approved.Locator(".correction-waiting")).ToBeHiddenAsync();
        await Expect(chief.Locator("#queue-badge")).ToHaveTextAsync("1 awaiting your approval");
        editorTab.AssertNoScriptErrors();
        chiefTab.AssertNoScriptErrors();
    }

    private static async Task SignInAsync(IPage page, AlertsNode node, string key)
    {
        await page.GotoAsync(new Uri(node.BaseAddress, "/console").ToString());
        await page.GetByLabel("API key").FillAsync(SecretOf(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
