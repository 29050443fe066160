using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>
/// The ticker's push button and the worker in a real Chromium. The browser's own subscription needs its
/// vendor's push service, so the test supplies one (keys made by the test, endpoint on the fake push
/// service); the messages the server sends there are handed to the worker with DevTools'
/// <c>ServiceWorker.deliverPushMessage</c>, decrypted, as the browser would after its push service.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPushBrowserTests(RedisFixture redis, BrowserFixture browser) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TheButtonSubscribesAndTheWorkerShowsThePushReportsItReceivedAndReplacesItOnCorrectionAndOnRetraction()
    {
        await using var service = await FakePushService.StartAsync();
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), service);
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        var subscription = service.Subscribe();
        await using var tab = await browser.NewPageAsync();
        await SupplySubscriptionAsync(tab, site, subscription);

        var registrations = new List<(string Id, string Scope)>();
        var devTools = await tab.Context.NewCDPSessionAsync(tab.Page);
        devTools.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            if (e is { } json)
            {
                lock (registrations)
                {
                    registrations.AddRange(json.GetProperty("registrations").EnumerateArray()
                        .Select(r => (r.GetProperty("registrationId").GetString()!, r.GetProperty("scopeURL").GetString()!)));
                }
            }
        };
        await devTools.SendAsync("ServiceWorker.enable");

        await tab.Page.GotoAsync(site.PushPage.ToString());
        var button = tab.Page.GetByRole(AriaRole.Button, new() { Name = "Get breaking alerts" });
        await Expect(button).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await button.ClickAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You will get breaking alerts.", new() { Timeout = 10_000 });
        await Expect(button).ToBeHiddenAsync();

        var alert = await node.Editor.PublishAsync("en", "Dam bursts upstream", new { push = true, urgency = "flash", url = "https://news.example/dam" });
        await DeliverNextAsync(service, devTools, registrations, site, 1);
        await ExpectNotificationAsync(tab, alert.Alert.Id, "Dam bursts upstream");
        // The worker's receipt crosses from the publisher's origin to the node's, as a reader's browser's would.
        await PushNodes.UntilAsync(
            async () => (await node.Editor.GetJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/delivery")).GetProperty("webPush").GetProperty("receipts").GetProperty("received").GetInt64() == 1,
            "the worker's receipt", Timeout);

        (await node.Editor.PatchJsonAsync($"/api/v1/alerts/{alert.Alert.Id}", new { headline = "Dam bursts upstream, towns evacuated", push = true })).EnsureSuccessStatusCode();
        await DeliverNextAsync(service, devTools, registrations, site, 2);
        await ExpectNotificationAsync(tab, alert.Alert.Id, "Dam bursts upstream, towns evacuated");

        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/retract", new { reason = "Wrong river" })).EnsureSuccessStatusCode();
        await DeliverNextAsync(service, devTools, registrations, site, 3);
        await ExpectNotificationAsync(tab, alert.Alert.Id, "This alert was withdrawn.");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task TheWorkerRegistersASubscriptionTheBrowserRotatedAndItGetsTheNextAlert()
    {
        await using var service = await FakePushService.StartAsync();
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), service);
        await using var site = await PublisherSite.StartAsync(node.BaseAddress);
        var (subscription, rotated) = (service.Subscribe(), service.Subscribe());
        await using var tab = await browser.NewPageAsync();
        await SupplySubscriptionAsync(tab, site, subscription);

        await tab.Page.GotoAsync(site.PushPage.ToString());
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Get breaking alerts" }).ClickAsync(new() { Timeout = 10_000 });
        await Expect(tab.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You will get breaking alerts.", new() { Timeout = 10_000 });
        const string Saved = """async () => (await (await caches.open("alerts-push")).match("/alerts-push/registration")).json()""";
        Assert.Equal(Alerts.Server.WebPush.WebPushSubscription.IdOf(subscription.Endpoint.ToString()), (await tab.Page.EvaluateAsync<JsonElement>(Saved)).GetProperty("token").GetString());

        // Chromium fires no pushsubscriptionchange of its own without its vendor's push service: the test
        // dispatches one in the worker, through DevTools, carrying the browser's new subscription.
        await EvaluateInWorkerAsync(site, $$"""
            (async () => {
              const json = {{JsonSerializer.Serialize(rotated.Json)}};
              const pending = [];
              const event = new Event("pushsubscriptionchange");
              event.waitUntil = (promise) => pending.push(promise);
              event.oldSubscription = null;
              event.newSubscription = { endpoint: json.endpoint, toJSON: () => json };
              self.dispatchEvent(event);
              await Promise.all(pending);
              return "renewed";
            })()
            """);

        Assert.Equal(Alerts.Server.WebPush.WebPushSubscription.IdOf(rotated.Endpoint.ToString()), (await tab.Page.EvaluateAsync<JsonElement>(Saved)).GetProperty("token").GetString());
        await node.Editor.PublishAsync("en", "Ferry sinks off the coast", new { push = true, urgency = "flash" });
        await PushNodes.UntilAsync(() => service.Accepted.Any(m => m.Subscription == rotated.Id), "the alert at the rotated subscription", Timeout);
        tab.AssertNoScriptErrors();
    }

    /// <summary>Allows notifications on the site and makes the browser's push subscription the test's own.</summary>
    private static async Task SupplySubscriptionAsync(BrowserPage tab, PublisherSite site, FakeSubscription subscription)
    {
        await tab.Context.GrantPermissionsAsync(["notifications"], new() { Origin = site.Origin });
        await tab.Context.AddInitScriptAsync($$"""
            if (self.PushManager) {
              const json = {{JsonSerializer.Serialize(subscription.Json)}};
              PushManager.prototype.subscribe = async function () { return { endpoint: json.endpoint, toJSON: () => json }; };
              PushManager.prototype.getSubscription = async function () { return null; };
            }
            """);
    }

    /// <summary>Runs <paramref name="expression"/> in the site's service worker (DevTools' Target and Runtime domains); fails unless it resolves to "renewed".</summary>
    private async Task EvaluateInWorkerAsync(PublisherSite site, string expression)
    {
        var devTools = await browser.Browser.NewBrowserCDPSessionAsync();
        var targets = (await devTools.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray();
        var worker = targets.First(t => t.GetProperty("type").GetString() == "service_worker" && t.GetProperty("url").GetString()!.StartsWith(site.Origin, StringComparison.Ordinal));
        var attached = await devTools.SendAsync("Target.attachToTarget", new Dictionary<string, object> { ["targetId"] = worker.GetProperty("targetId").GetString()!, ["flatten"] = false });
        var session = attached!.Value.GetProperty("sessionId").GetString()!;
        var answered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        devTools.Event("Target.receivedMessageFromTarget").OnEvent += (_, e) =>
        {
            if (e is { } message && message.GetProperty("sessionId").GetString() == session
                && JsonDocument.Parse(message.GetProperty("message").GetString()!).RootElement is var reply && reply.TryGetProperty("id", out var id) && id.GetInt32() == 1)
            {
                answered.TrySetResult(reply.GetRawText());
            }
        };
        await devTools.SendAsync("Target.sendMessageToTarget", new Dictionary<string, object>
        {
            ["sessionId"] = session,
            ["message"] = JsonSerializer.Serialize(new { id = 1, method = "Runtime.evaluate", @params = new { expression, awaitPromise = true, returnByValue = true } }),
        });
        var result = await answered.Task.WaitAsync(Timeout);
        await devTools.DetachAsync();
        Assert.Contains("\"value\":\"renewed\"", result, StringComparison.Ordinal);
    }

    /// <summary>Waits for the server's <paramref name="count"/>th message at the fake service and hands it, decrypted, to the page's worker.</summary>
    private static async Task DeliverNextAsync(
        FakePushService service, ICDPSession devTools, List<(string Id, string Scope)> registrations, PublisherSite site, int count)
    {
        await PushNodes.UntilAsync(() => service.Accepted.Count >= count, $"push message {count}", Timeout);
        string registrationId;
        lock (registrations)
        {
            registrationId = registrations.Last(r => r.Scope.StartsWith(site.Origin, StringComparison.Ordinal)).Id;
        }

        await devTools.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = site.Origin,
            ["registrationId"] = registrationId,
            ["data"] = service.Accepted.ElementAt(count - 1).Payload.GetRawText(),
        });
    }

    private static async Task ExpectNotificationAsync(BrowserPage tab, string tag, string body)
    {
        var deadline = DateTime.UtcNow + Timeout;
        JsonElement shown = default;
        while (DateTime.UtcNow < deadline)
        {
            shown = await tab.Page.EvaluateAsync<JsonElement>(
                "async () => (await (await navigator.serviceWorker.ready).getNotifications()).map(n => ({ tag: n.tag, body: n.body, title: n.title }))");
            if (shown.GetArrayLength() == 1 && shown[0].GetProperty("body").GetString() == body)
            {
                Assert.Equal(tag, shown[0].GetProperty("tag").GetString());
                Assert.Equal("BREAKING", shown[0].GetProperty("title").GetString());
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Expected one notification '{body}'; shown: {shown}");
    }
}
