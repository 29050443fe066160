using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Syndication;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>One retraction reaches every outlet, and the delivery report says so, outlet by outlet.</summary>
public sealed class RecallTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9E5/6QoYJ7Q=";

    [Fact]
    public async Task ARetractionIsReportedAsReplacedByWebPushAndEveryWebhookAndNotApplicableToAWebhookThatTakesNoRetractions()
    {
        await using var service = await FakePushService.StartAsync();
        await using var wire = await WebhookReceiver.StartAsync();
        await using var archive = await WebhookReceiver.StartAsync();
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), service, new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:wire:Url"] = wire.Url.ToString(),
            ["Alerts:Webhooks:wire:Secret"] = Secret,
            ["Alerts:Webhooks:archive:Url"] = archive.Url.ToString(),
            ["Alerts:Webhooks:archive:Secret"] = Secret,
            ["Alerts:Webhooks:archive:Types:0"] = "published",
            ["Alerts:WebhookDelivery:PollInterval"] = "00:00:00.050",
        });
        var (reader, elsewhere) = (service.Subscribe(), service.Subscribe());
        await node.SubscribeAsync(reader);
        await node.SubscribeAsync(elsewhere, extra: new { sections = new[] { "sports" } });

        var alert = await node.Editor.PublishAsync("en", "Bridge collapses", new { push = true, sections = new[] { "politics" } });
        await PushNodes.UntilAsync(() => service.Accepted.Count >= 1 && wire.Received.Count >= 1, "the alert at every outlet");
        // The push service's 201 comes before the outlet writes it down: wait for both subscriptions in the report.
        await PushNodes.UntilAsync(async () =>
        {
            var report = Outlet(await node.Editor.GetJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/delivery"), "webpush");
            return report.GetProperty("sent").GetInt64() + report.GetProperty("notApplicable").GetInt64() >= 2;
        }, "both subscriptions in the web push report");
        var published = await node.Editor.GetJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/delivery");
        Assert.Equal(1, Outlet(published, "webpush").GetProperty("sent").GetInt64());
        Assert.Equal(1, Outlet(published, "webpush").GetProperty("notApplicable").GetInt64());

        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/retract", new { reason = "False report" })).EnsureSuccessStatusCode();
        await PushNodes.UntilAsync(async () =>
        {
            var report = await node.Editor.GetJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/delivery");
            return new[] { "webpush", "webhook:wire", "webhook:archive" }.All(o => Outlet(report, o).GetProperty("event").GetString() == "retracted");
        }, "the retraction in every outlet's report");

        var delivery = await node.Editor.GetJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/delivery");
        var webPush = Outlet(delivery, "webpush");
        Assert.Equal((1, 0, 0, 0), Counts(webPush));
        Assert.NotEqual(JsonValueKind.Null, webPush.GetProperty("firstAt").ValueKind);
        Assert.Equal((1, 0, 0, 0), Counts(Outlet(delivery, "webhook:wire")));
        Assert.Equal((0, 0, 0, 1), Counts(Outlet(delivery, "webhook:archive")));
        Assert.Equal("retracted", Outlet(delivery, "hub").GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.Object, Outlet(delivery, "fcm").ValueKind);
        Assert.Equal(["published", "retracted"], service.Accepted.Where(m => m.Subscription == reader.Id).Select(m => m.Type));
        Assert.DoesNotContain(service.Requests, r => r.Subscription == elsewhere.Id);
    }

    private static (long Replaced, long Pruned, long Failed, long NotApplicable) Counts(JsonElement outlet) =>
        (outlet.GetProperty("replaced").GetInt64(), outlet.GetProperty("pruned").GetInt64(), outlet.GetProperty("failed").GetInt64(), outlet.GetProperty("notApplicable").GetInt64());

    private static JsonElement Outlet(JsonElement delivery, string name) => WebPushTests.Outlet(delivery, name);
}
