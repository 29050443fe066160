using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.Playwright;
using static Alerts.Server.Tests.Desk.DeskKeyring;
using static Microsoft.Playwright.Assertions;

namespace Alerts.Server.Tests.Web;

/// <summary>
/// The console for a desk under deadline, as an editor and a chief in two browser contexts: outcomes reach the
/// submitter, buttons say what they do, the full record survives a reload, and the work fits one screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskOutcomeConsoleTests(RedisFixture redis, BrowserFixture browser) : IClassFixture<RedisFixture>
{
    // Previews wait for a pause in typing and then for the server, lists poll every 2 s: generous on a loaded machine.
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveTextOptions SlowText = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions SlowVisible = new() { Timeout = 30_000 };
    internal static readonly BrowserNewContextOptions Laptop = new() { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } };
    internal static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };

    [Fact]
    public async Task TheSubmitterIsToldOfTheRejectionAndTheCancelledAlertStaysListedAfterAReload()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: Settings(new Dictionary<string, string?> { ["Alerts:Approval:Mode"] = "two-person" }));
        await using var editorTab = await browser.NewPageAsync(Laptop);
        await using var chiefTab = await browser.NewPageAsync(Laptop);
        var editor = editorTab.Page;
        var chief = chiefTab.Page;
        await SignInAsync(editor, node, EnEditor);
        await SignInAsync(chief, node, EnChief);

        const string rejected = "Minister resigns over leaked letter";
        await editor.GetByLabel("Headline", new() { Exact = true }).FillAsync(rejected);
        await editor.GetByLabel("Send a push notification to phones").CheckAsync();
        var submit = editor.GetByRole(AriaRole.Button, new() { Name = "Submit for approval", Exact = true });
        await Expect(submit).ToBeVisibleAsync(SlowVisible);
        await submit.ClickAsync();
        await Expect(editor.Locator("#compose-status")).ToContainTextAsync("Waiting for approval");

        var queued = chief.Locator(".waiting-item", new() { HasText = rejected });
        await Expect(queued).ToBeVisibleAsync(SlowVisible);
        await Expect(chief).ToHaveTitleAsync("(1) Alerts · editors' console", new() { Timeout = 30_000 });
        await Expect(queued.GetByRole(AriaRole.Button, new() { Name = "Approve and push" })).ToBeVisibleAsync();
        await Expect(queued).ToContainTextAsync(new System.Text.RegularExpressions.Regex("submitted just now · 1[45] min left to approve"));
        await queued.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        var reject = chief.GetByRole(AriaRole.Dialog, new() { Name = "Reject this alert?" });
        await reject.GetByLabel("Reason (the submitter is told)").FillAsync("Only one source so far.");
        await reject.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();

        await Expect(editor.Locator("#notices")).ToContainTextAsync($"Your alert “{rejected}”: rejected by en-chief: Only one source so far.", Slow);
        await Expect(editor.Locator("#compose-status")).ToHaveTextAsync($"Your alert “{rejected}”: rejected by en-chief: Only one source so far.");
        var decided = editor.Locator(".decided-item", new() { HasText = rejected });
        await Expect(decided).ToContainTextAsync("Rejected by en-chief: Only one source so far.");
        await Expect(chief).ToHaveTitleAsync("Alerts · editors' console", new() { Timeout = 30_000 });

        // The chief's own push waits for a second person; the editor may not edit or cancel it.
        const string chiefs = "Storm warning extended to the whole coast";
        await chief.GetByLabel("Headline", new() { Exact = true }).FillAsync(chiefs);
        await chief.GetByLabel("Send a push notification to phones").CheckAsync();
        await chief.GetByRole(AriaRole.Button, new() { Name = "Submit for approval", Exact = true }).ClickAsync(new() { Timeout = 30_000 });
        var foreign = editor.Locator(".waiting-item", new() { HasText = chiefs });
        await Expect(foreign).ToBeVisibleAsync(SlowVisible);
        await Expect(foreign.GetByRole(AriaRole.Button, new() { Name = "History" })).ToBeVisibleAsync();
        await Expect(foreign.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await Expect(foreign.GetByRole(AriaRole.Button, new() { Name = "Cancel alert" })).ToHaveCountAsync(0);

        // The editor cancels their own after confirming; it stays listed as cancelled, also after a reload.
        const string cancelled = "Flooding closes the northern motorway";
        await editor.GetByLabel("Headline", new() { Exact = true }).FillAsync(cancelled);
        await editor.GetByLabel("Send a push notification to phones").CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for approval", Exact = true }).ClickAsync(new() { Timeout = 30_000 });
        var own = editor.Locator(".waiting-item", new() { HasText = cancelled });
        await own.GetByRole(AriaRole.Button, new() { Name = "Cancel alert" }).ClickAsync(new() { Timeout = 30_000 });
        var confirm = editor.GetByRole(AriaRole.Dialog, new() { Name = "Cancel this alert?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel alert" }).ClickAsync();
        await Expect(editor.Locator(".decided-item", new() { HasText = cancelled })).ToContainTextAsync("Cancelled by en-editor", Slow);
        await editorTab.ScreenshotAsync("console-outcomes-editor");
        await Accessibility.AssertNoViolationsAsync(editor, "the editor's desk at 1366×900");
        await Accessibility.AssertNoViolationsAsync(chief, "the chief's desk at 1366×900");

        await editor.ReloadAsync();
        await Expect(editor.Locator(".decided-item", new() { HasText = cancelled })).ToContainTextAsync("Cancelled by en-editor", Slow);
        await Expect(editor.Locator(".decided-item", new() { HasText = rejected })).ToContainTextAsync("Rejected by en-chief");
        await editor.Locator(".decided-item", new() { HasText = rejected }).GetByRole(AriaRole.Button, new() { Name = "History" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Dialog, new() { Name = "History" })).ToContainTextAsync("en-chief rejected: Only one source so far.");
        await chiefTab.ScreenshotAsync("console-outcomes-chief");
        editorTab.AssertNoScriptErrors();
        chiefTab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task OnALaptopThePublishedAlertIsInViewAndOnAPhoneAChiefWithALongAuditLogNeverScrollsSideways()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings());
        var boss = node.ClientAs(Boss);
        for (var i = 0; i < 12; i++)
        {
            var published = await boss.PublishAsync("en", $"Earlier line number {i} of a long and busy shift", new { url = $"https://news.example/{new string('x', 120)}/{i}" });
            var retracted = await boss.PostJsonAsync($"/api/v1/alerts/{published.Alert.Id}/retract", new { reason = "Source-" + new string('q', 150) });
            retracted.EnsureSuccessStatusCode();
        }

        await using var editorTab = await browser.NewPageAsync(Laptop);
        var editor = editorTab.Page;
        await SignInAsync(editor, node, EnEditor);
        await editor.GetByLabel("Headline", new() { Exact = true }).FillAsync("البنك المركزي يرفع الفائدة");
        await Expect(editor.Locator("#script-warning")).ToHaveTextAsync("This headline is in Arabic script; the English edition is written in Latin script.");
        const string headline = "Central bank raises rates by half a point";
        await editor.GetByLabel("Headline", new() { Exact = true }).FillAsync(headline);
        await Expect(editor.Locator("#script-warning")).ToBeHiddenAsync();
        // Lines that arrive while the list first loads are not news; once it is live, a new line is announced.
        await Expect(editor.Locator("#live-state")).ToHaveTextAsync("Live", SlowText);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(editor.Locator("#compose-status")).ToHaveTextAsync("Published to English.", SlowText);
        var item = editor.Locator(".alert", new() { HasText = headline });
        await Expect(item).ToBeInViewportAsync(new() { Timeout = 30_000 });
        Assert.True(await editor.EvaluateAsync<double>("window.scrollY") == 0, "the page scrolled");
        var publish = editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true });
        await Expect(publish).ToBeInViewportAsync();
        await Expect(editor.Locator("#alerts")).Not.ToHaveAttributeAsync("aria-live", "polite");
        await Expect(editor.Locator("#recent-announcer")).ToHaveTextAsync($"New in en: {headline}");
        await item.GetByRole(AriaRole.Button, new() { Name = "Correct" }).ClickAsync();
        await item.GetByLabel("Corrected headline").PressAsync("Escape");
        await Expect(item.GetByLabel("Corrected headline")).ToBeHiddenAsync();
        await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Correct" })).ToBeFocusedAsync();
        await editorTab.ScreenshotAsync("console-laptop-editor");
        await Accessibility.AssertNoViolationsAsync(editor, "the editor's desk at 1366×900");

        await using var chiefTab = await browser.NewPageAsync(Phone);
        var chief = chiefTab.Page;
        await SignInAsync(chief, node, Boss);
        await Expect(chief.Locator(".alert", new() { HasText = headline })).ToBeVisibleAsync(SlowVisible);
        await AssertNoSidewaysScrollAsync(chief, "the desk");
        await chiefTab.ScreenshotAsync("console-phone-chief");
        await Accessibility.AssertNoViolationsAsync(chief, "the chief's desk at 390×844");
        await chief.GetByRole(AriaRole.Button, new() { Name = "Audit log" }).ClickAsync();
        await Expect(chief.Locator("#audit-list")).ToContainTextAsync("Source-qqq", Slow);
        await AssertNoSidewaysScrollAsync(chief, "the audit log");
        await chiefTab.ScreenshotAsync("console-phone-chief-audit");
        await Accessibility.AssertNoViolationsAsync(chief, "the audit log at 390×844");

        await using var phoneTab = await browser.NewPageAsync(Phone);
        var phone = phoneTab.Page;
        await SignInAsync(phone, node, EnEditor);
        await Expect(phone.Locator(".alert", new() { HasText = headline })).ToBeInViewportAsync(new() { Timeout = 30_000 });
        await AssertNoSidewaysScrollAsync(phone, "the editor's desk on a phone");
        await phoneTab.ScreenshotAsync("console-phone-editor-window", fullPage: false);
        await phone.GetByRole(AriaRole.Navigation, new() { Name = "Parts of the desk" }).GetByRole(AriaRole.Link, new() { Name = "Compose" }).ClickAsync();
        await Expect(phone.GetByLabel("Headline", new() { Exact = true })).ToBeInViewportAsync();
        await phoneTab.ScreenshotAsync("console-phone-editor-compose", fullPage: false);
        await Accessibility.AssertNoViolationsAsync(phone, "the editor's desk at 390×844");
        phoneTab.AssertNoScriptErrors();
        editorTab.AssertNoScriptErrors();
        chiefTab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ARetractedAlertShowsEditorsItsHeadlineReasonAndPublicNoteAfterAReload()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings());
        const string headline = "Opposition leader arrested at the airport";
        var published = await node.Editor.PublishAsync("en", headline);
        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{published.Alert.Id}/retract",
            new { reason = "The arrest was denied by police.", publicNote = "This alert was withdrawn pending confirmation." })).EnsureSuccessStatusCode();

        await using var tab = await browser.NewPageAsync(Laptop);
        var page = tab.Page;
        await SignInAsync(page, node, EnEditor);
        var item = page.Locator($".alert[data-id='{published.Alert.Id}']");
        await Expect(item.Locator(".alert-headline")).ToHaveTextAsync(headline, SlowText);
        await Expect(item).ToContainTextAsync("Retracted: The arrest was denied by police. · Readers see: This alert was withdrawn pending confirmation.");
        await item.GetByRole(AriaRole.Button, new() { Name = "History" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "History" })).ToContainTextAsync("retracted");
        await page.GetByRole(AriaRole.Dialog, new() { Name = "History" }).GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Open the story" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = $"Story: “{headline}”" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the story" }).ClickAsync();

        // The console's own live connection is not a reader the alert would reach.
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("Live", SlowText);
        await PushNodes.UntilAsync(
            async () => (await node.Editor.GetJsonAsync("/api/v1/editions/en/audience")).GetProperty("liveReaders").GetInt64() == 1,
            "the server to count the console's connection", TimeSpan.FromSeconds(30));
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Nobody else is reading");
        await Expect(page.Locator("#audience")).ToContainTextAsync("Would reach 0 live ticker readers", Slow);
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ASiblingDraftCarriesTheSourcesFieldsAndTheFormReturnsHomeAfterwards()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings());
        await using var tab = await browser.NewPageAsync(Laptop);
        var page = tab.Page;
        await SignInAsync(page, node, TestKeys.EditorName);
        await page.GetByLabel("Edition", new() { Exact = true }).SelectOptionAsync("en");
        const string english = "Wildfire forces evacuation of three villages";
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync(english);
        await page.GetByLabel("Link (URL)").FillAsync("https://news.example/wildfire");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Update" }).CheckAsync();
        await page.GetByLabel("environment").CheckAsync();
        await page.GetByLabel("europe").CheckAsync();
        await page.GetByLabel("Send a push notification to phones").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish and push" }).ClickAsync();
        await Expect(page.Locator("#compose-status")).ToHaveTextAsync("Published to English.", SlowText);

        await page.GetByRole(AriaRole.Button, new() { Name = "Also post in Español" }).ClickAsync();
        await Expect(page.GetByLabel("Edition", new() { Exact = true })).ToHaveValueAsync("es");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Update" })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("environment")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("europe")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Link (URL)")).ToHaveValueAsync("https://news.example/wildfire");
        await Expect(page.GetByLabel("Send a push notification to phones")).ToBeCheckedAsync();
        await Expect(page.Locator("#source-line")).ToHaveTextAsync($"To translate (English): {english}");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Un incendio obliga a evacuar tres pueblos");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish and push" }).ClickAsync();
        await Expect(page.Locator("#compose-status")).ToHaveTextAsync("Published to Español.", SlowText);
        await Expect(page.GetByLabel("Edition", new() { Exact = true })).ToHaveValueAsync("en");
        await Expect(page.Locator("#source-line")).ToBeHiddenAsync();

        var spanish = (await node.Public.GetJsonAsync("/api/v1/editions/es/ticker")).GetProperty("alerts")[0];
        Assert.Equal("update", spanish.GetProperty("urgency").GetString());
        Assert.Equal("https://news.example/wildfire", spanish.GetProperty("url").GetString());
        Assert.True(spanish.GetProperty("push").GetBoolean());
        Assert.Equal(["environment"], spanish.GetProperty("sections").EnumerateArray().Select(s => s.GetString()!).ToArray());
        tab.AssertNoScriptErrors(expectNetworkErrors: true);
    }

    [Fact]
    public async Task SendToTestPhonesReachesOnlyTheTestTokens()
    {
        await using var fake = await FakeFcm.StartAsync();
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), fake,
            new Dictionary<string, string?> { ["Alerts:Push:TestTokens:0"] = "test-phone-1", ["Alerts:Push:TestTokens:1"] = "test-phone-2" });
        await node.RegisterAsync("reader");
        await using var tab = await browser.NewPageAsync(Laptop);
        var page = tab.Page;
        await SignInAsync(page, node, TestKeys.EditorName);
        await page.GetByLabel("Edition", new() { Exact = true }).SelectOptionAsync("en");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Test of the evening push");
        await page.GetByLabel("Send a push notification to phones").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to test phones" }).ClickAsync();
        await Expect(page.Locator("#test-send-status")).ToHaveTextAsync("Sent to 2 of 2 test phones.", SlowText);
        Assert.Equal(["test-phone-1", "test-phone-2"], fake.Accepted.Select(s => s.Token).Order());
        await Task.Delay(500);
        Assert.DoesNotContain(fake.Received, s => s.Token == "reader");
        Assert.Empty(await node.Editor.LogSeqsAsync("en"));
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task PublishIsAFewTabStopsAfterTheHeadlineAndTheArrowKeysMoveBetweenSections()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings());
        await using var tab = await browser.NewPageAsync(Laptop);
        var page = tab.Page;
        await SignInAsync(page, node, TestKeys.EditorName);

        // Each section and region chip was its own Tab stop: Publish came 27 presses after the headline.
        await page.GetByLabel("Headline", new() { Exact = true }).FocusAsync();
        var stops = new List<string>();
        while (stops.Count < 40 && (stops.Count == 0 || stops[^1] != "publish"))
        {
            await page.Keyboard.PressAsync("Tab");
            stops.Add(await FocusedAsync(page));
        }

        Assert.True(stops.Count <= 10 && stops[^1] == "publish", $"Publish took {stops.Count} Tab stops: {string.Join(", ", stops)}");

        // The sections are one Tab stop; the arrow keys move within them and Space ticks the focused one.
        await page.GetByLabel("Link (URL)").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("sections:arts-culture", await FocusedAsync(page));
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("sections:economy", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByLabel("economy")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("End");
        Assert.Equal("sections:technology", await FocusedAsync(page));
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("sections:arts-culture", await FocusedAsync(page));
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByLabel("technology")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("regions:africa", await FocusedAsync(page));
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("sections:technology", await FocusedAsync(page));
        await Expect(page.GetByLabel("economy")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("asia", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("arts-culture")).Not.ToBeCheckedAsync();
        await Accessibility.AssertNoViolationsAsync(page, "the compose form after moving through the chips");

        // The headline and the chips reach the server as ticked.
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Keyboard-only desk publishes a line");
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("Live", SlowText);
        await page.GetByLabel("Headline", new() { Exact = true }).PressAsync("Control+Enter");
        await Expect(page.Locator("#compose-status")).ToHaveTextAsync("Published to English.", SlowText);
        var published = (await node.Public.GetJsonAsync("/api/v1/editions/en/ticker")).GetProperty("alerts")[0];
        Assert.Equal(["economy", "technology"], published.GetProperty("sections").EnumerateArray().Select(s => s.GetString()!).Order().ToArray());
        Assert.Equal(["asia"], published.GetProperty("regions").EnumerateArray().Select(s => s.GetString()!).ToArray());
        tab.AssertNoScriptErrors();
    }

    // The id of the focused element, or name:value for a chip, so a failure lists the stops it went through.
    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.type === 'checkbox' && e.name ? `${e.name}:${e.value}` : e.id || e.name || e.tagName.toLowerCase(); }");

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{where} is {widths[0]} px wide in a {widths[1]} px window");
    }

    private static async Task SignInAsync(IPage page, AlertsNode node, string key)
    {
        await page.GotoAsync(new Uri(node.BaseAddress, "/console").ToString());
        await page.GetByLabel("API key").FillAsync(key == TestKeys.EditorName ? TestKeys.Editor : SecretOf(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByLabel("Headline", new() { Exact = true })).ToBeVisibleAsync(SlowVisible);
    }
}
