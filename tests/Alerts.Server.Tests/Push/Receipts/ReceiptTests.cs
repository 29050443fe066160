using System.Net;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Receipts;

/// <summary>Receipts from apps, counted once per device, and the delivery report's 2-minute share.</summary>
public abstract class ReceiptTests : IAsyncLifetime
{
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    protected abstract Task<AlertsNode> StartNodeAsync(FakeFcm fake, IDictionary<string, string?> settings);

    [Fact]
    public async Task ReceiptsCountEachDeviceOnceAndTheReportGivesTheShareWithinTwoMinutes()
    {
        await using var node = await StartNodeAsync(_fake, new Dictionary<string, string?> { ["Alerts:Push:Mode"] = "devices" });
        await node.RegisterManyAsync(["phone-1", "phone-2", "phone-3", "phone-4"]);
        var published = await node.Editor.PublishAsync("en", "Receipts", new { push = true });
        var id = published.Alert.Id;
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 4, "the pushes");

        await PostReceiptAsync(node, new { alertId = id, @event = "received", platform = "android", installationId = "install-1" }, HttpStatusCode.NoContent);
        await PostReceiptAsync(node, new { alertId = id, @event = "received", platform = "android", installationId = "install-1" }, HttpStatusCode.NoContent);
        await PostReceiptAsync(node, new { alertId = id, @event = "opened", platform = "ios", installationId = "install-2" }, HttpStatusCode.NoContent);
        await PostReceiptAsync(node, new { alertId = id, @event = "opened", platform = "ios", installationId = "install-2" }, HttpStatusCode.NoContent);

        await PushNodes.UntilAsync(async () =>
            (await node.Editor.GetJsonAsync($"/api/v1/alerts/{id}/delivery")).GetProperty("push").GetProperty("pending").GetInt64() == 0, "the job to finish");
        var receipts = (await node.Editor.GetJsonAsync($"/api/v1/alerts/{id}/delivery")).GetProperty("push").GetProperty("receipts");
        Assert.Equal(2, receipts.GetProperty("received").GetInt64());
        Assert.Equal(1, receipts.GetProperty("opened").GetInt64());
        Assert.Equal(2, receipts.GetProperty("receivedWithin2Minutes").GetInt64());
        Assert.Equal(4, receipts.GetProperty("targeted").GetInt64());
        Assert.Equal(0.5, receipts.GetProperty("shareWithin2Minutes").GetDouble());
    }

    [Fact]
    public async Task AReceiptForAnAlertThatWasNeverPushedOrABadBodyIsRefused()
    {
        await using var node = await StartNodeAsync(_fake, new Dictionary<string, string?>());
        var quiet = await node.Editor.PublishAsync("en", "Not pushed", new { push = false });

        await PostReceiptAsync(node, new { alertId = quiet.Alert.Id, @event = "received", platform = "android" }, HttpStatusCode.NotFound);
        using var bad = await node.Public.PostJsonAsync("/api/v1/receipts", new { alertId = "x y", @event = "seen", platform = "tv", extra = 1 });
        var problem = await bad.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.All(["alertId", "event", "platform", "extra"], field => Assert.Contains(field, problem, StringComparison.Ordinal));
    }

    private static async Task PostReceiptAsync(AlertsNode node, object body, HttpStatusCode expected)
    {
        using var response = await node.Public.PostJsonAsync("/api/v1/receipts", body).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

public sealed class ReceiptOnRedisTests(RedisFixture redis) : ReceiptTests, IClassFixture<RedisFixture>
{
    protected override Task<AlertsNode> StartNodeAsync(FakeFcm fake, IDictionary<string, string?> settings) =>
        PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), fake, settings);
}

public sealed class ReceiptOnGarnetTests : ReceiptTests
{
    protected override Task<AlertsNode> StartNodeAsync(FakeFcm fake, IDictionary<string, string?> settings) =>
        PushNodes.StartAsync(null, RedisFixture.NewPrefix(), fake, settings);
}
