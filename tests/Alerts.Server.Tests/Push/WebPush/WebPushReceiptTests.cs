using System.Net;
using System.Text.Json;
using Alerts.Server.Push.Receipts;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.WebPush;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>The worker's receipts on a node with Web Push and no FCM: counted once per subscription, with their 2-minute share in the report.</summary>
public sealed class WebPushReceiptTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private FakePushService _service = null!;

    public async Task InitializeAsync() => _service = await FakePushService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task WebReceiptsOfAWebPushedAlertCountEachSubscriptionOnceAndTheReportGivesTheirShareWithinTwoMinutes()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var first = await node.SubscribeAsync(_service.Subscribe());
        var second = await node.SubscribeAsync(_service.Subscribe());
        var id = (await node.Editor.PublishAsync("en", "Bridge closed after crash", new { push = true })).Alert.Id;
        await PushNodes.UntilAsync(async () => (await WebReceiptsAsync(node, id)).GetProperty("targeted").GetInt64() == 2, "both browsers shown the alert");

        await PostReceiptAsync(node, new { alertId = id, @event = "received", platform = "web", installationId = first }, HttpStatusCode.NoContent);
        await PostReceiptAsync(node, new { alertId = id, @event = "received", platform = "web", installationId = first }, HttpStatusCode.NoContent);
        await PostReceiptAsync(node, new { alertId = id, @event = "opened", platform = "web", installationId = first }, HttpStatusCode.NoContent);
        // Three minutes pass since Web Push first showed the alert: the second browser's receipt counts, but not as on time.
        var late = DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeMilliseconds();
        await node.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .HashSetAsync(node.Services.GetRequiredService<WebPushKeys>().Delivery(id), ReceiptStore.FirstSentAtField, late).WaitAsync(TimeSpan.FromSeconds(10));
        await PostReceiptAsync(node, new { alertId = id, @event = "received", platform = "web", installationId = second }, HttpStatusCode.NoContent);

        var receipts = await WebReceiptsAsync(node, id);
        Assert.Equal(2, receipts.GetProperty("received").GetInt64());
        Assert.Equal(1, receipts.GetProperty("opened").GetInt64());
        Assert.Equal(1, receipts.GetProperty("receivedWithin2Minutes").GetInt64());
        Assert.Equal(2, receipts.GetProperty("targeted").GetInt64());
        Assert.Equal(0.5, receipts.GetProperty("shareWithin2Minutes").GetDouble());
        var push = (await node.Editor.GetJsonAsync($"/api/v1/alerts/{id}/delivery").WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("push");
        Assert.False(push.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, push.GetProperty("receipts").GetProperty("received").GetInt64());
    }

    [Fact]
    public async Task AReceiptForAnAlertNobodyPushedIsNotFoundAndAPhonesReceiptIsNotFoundWithoutFcm()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var browser = await node.SubscribeAsync(_service.Subscribe());
        var quiet = (await node.Editor.PublishAsync("en", "Council meets on Tuesday", new { push = false })).Alert.Id;
        var pushed = (await node.Editor.PublishAsync("en", "Airport reopens", new { push = true })).Alert.Id;
        await PushNodes.UntilAsync(async () => (await WebReceiptsAsync(node, pushed)).GetProperty("targeted").GetInt64() == 1, "the browser shown the alert");

        await PostReceiptAsync(node, new { alertId = quiet, @event = "received", platform = "web", installationId = browser }, HttpStatusCode.NotFound);
        await PostReceiptAsync(node, new { alertId = pushed, @event = "received", platform = "android", installationId = "install-1" }, HttpStatusCode.NotFound);
        await PostReceiptAsync(node, new { alertId = pushed, @event = "received", platform = "web", installationId = browser }, HttpStatusCode.NoContent);
        var empty = await WebReceiptsAsync(node, quiet);
        Assert.Equal(0, empty.GetProperty("targeted").GetInt64());
        Assert.False(empty.TryGetProperty("shareWithin2Minutes", out _));
    }

    private static async Task<JsonElement> WebReceiptsAsync(AlertsNode node, string id) =>
        (await node.Editor.GetJsonAsync($"/api/v1/alerts/{id}/delivery").WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("webPush").GetProperty("receipts");

    private static async Task PostReceiptAsync(AlertsNode node, object body, HttpStatusCode expected)
    {
        using var response = await node.Public.PostJsonAsync("/api/v1/receipts", body).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
