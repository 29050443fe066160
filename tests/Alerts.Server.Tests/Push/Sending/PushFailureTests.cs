using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Sending;

public sealed class PushFailureTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DevicesMode = new() { ["Alerts:Push:Mode"] = "devices" };
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Theory]
    [InlineData("unregistered")]
    [InlineData("invalid-token")]
    public async Task ATokenFcmCallsDeadIsPrunedAndNotRetried(string fault)
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterManyAsync(["dead", "alive"]);
        _fake.OnSend = s => s.Token == "dead" ? (fault == "unregistered" ? FcmFault.Unregistered : FcmFault.InvalidToken) : null;

        var published = await node.Editor.PublishAsync("en", "Prune", new { push = true });

        var push = await FinishedAsync(node, published.Alert.Id);
        Assert.Equal(1, push.GetProperty("pruned").GetInt64());
        Assert.Equal(1, push.GetProperty("accepted").GetInt64());
        Assert.False(await node.IsRegisteredAsync("dead"));
        Assert.True(await node.IsRegisteredAsync("alive"));
        Assert.Single(_fake.Received, s => s.Token == "dead");
    }

    [Fact]
    public async Task APayloadErrorFailsTheSendWithoutPruningOrRetrying()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterManyAsync(["phone"]);
        _fake.OnSend = _ => FcmFault.InvalidPayload;

        var published = await node.Editor.PublishAsync("en", "Bad payload", new { push = true });

        var push = await FinishedAsync(node, published.Alert.Id);
        Assert.Equal((1, 0, 0), (push.GetProperty("failed").GetInt64(), push.GetProperty("pruned").GetInt64(), push.GetProperty("retried").GetInt64()));
        Assert.True(await node.IsRegisteredAsync("phone"));
        Assert.Single(_fake.Received);
    }

    [Theory]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("reset")]
    [InlineData("token-endpoint-down")]
    public async Task TransientFailuresAreRetriedWithTheSameMessageUntilAccepted(string fault)
    {
        var settings = new Dictionary<string, string?>(DevicesMode) { ["Alerts:Push:MaxAttempts"] = "20" };
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, settings);
        await node.RegisterManyAsync(["phone"]);
        _fake.TokenEndpointDown = fault == "token-endpoint-down";
        _fake.OnSend = s => s.Attempt > 2 ? null : fault switch
        {
            "503" => FcmFault.Unavailable,
            "500" => FcmFault.Internal,
            "reset" => FcmFault.ConnectionReset,
            _ => null,
        };

        var published = await node.Editor.PublishAsync("en", "Retry", new { push = true });
        if (_fake.TokenEndpointDown)
        {
            // Down long enough for several of the sender's retries.
            await PushNodes.UntilAsync(() => _fake.TokenRequests >= 2, "token attempts");
            await Task.Delay(1500);
            _fake.TokenEndpointDown = false;
        }

        var push = await FinishedAsync(node, published.Alert.Id);
        Assert.Equal(1, push.GetProperty("accepted").GetInt64());
        Assert.True(push.GetProperty("retried").GetInt64() >= 1);
        Assert.Single(_fake.Accepted);
        var bodies = _fake.Received.Select(s => s.Message.GetRawText()).Distinct().ToList();
        Assert.Single(bodies);
    }

    [Fact]
    public async Task AQuotaErrorPausesEverySendForRetryAfter()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterManyAsync(Enumerable.Range(0, 20).Select(i => $"phone-{i:D2}"));
        var quotaAt = DateTimeOffset.MaxValue;
        _fake.OnSend = s =>
        {
            if (s.Token == "phone-00" && s.Attempt == 1)
            {
                quotaAt = DateTimeOffset.UtcNow;
                return FcmFault.Quota(TimeSpan.FromSeconds(2));
            }

            return null;
        };
        var sentAt = new System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>();
        var inner = _fake.OnSend;
        _fake.OnSend = s =>
        {
            var fault = inner(s);
            if (fault is null && s.Token == "phone-00")
            {
                sentAt.Add(DateTimeOffset.UtcNow);
            }

            return fault;
        };
        var published = await node.Editor.PublishAsync("en", "Quota", new { push = true });

        var push = await FinishedAsync(node, published.Alert.Id);
        Assert.Equal(20, push.GetProperty("accepted").GetInt64());
        Assert.Equal(2, _fake.Received.Count(s => s.Token == "phone-00"));
        Assert.All(sentAt, t => Assert.True(t - quotaAt >= TimeSpan.FromSeconds(1.9), $"phone-00 was retried {t - quotaAt} after the 429"));
    }

    [Fact]
    public async Task CredentialsRefusedAfterARefreshFailLoudlyAndSendNothing()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterManyAsync(["phone"]);
        _fake.RejectAllAccessTokens = true;

        var published = await node.Editor.PublishAsync("en", "Unauthorised", new { push = true });

        await PushNodes.UntilAsync(() => _fake.TokenRequests >= 2, "the refresh after the 401");
        await Task.Delay(500);
        Assert.Empty(_fake.Accepted);
        Assert.Equal(2, _fake.TokenRequests);
        var push = (await node.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push");
        Assert.Equal(1, push.GetProperty("pending").GetInt64());
    }

    [Fact]
    public async Task RetriesStopOnceTheAlertHasExpired()
    {
        var settings = new Dictionary<string, string?>(DevicesMode) { ["Alerts:TickerTtl"] = "00:00:02", ["Alerts:Push:RetryDelay"] = "00:00:00.300", ["Alerts:Push:MaxAttempts"] = "20" };
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, settings);
        await node.RegisterManyAsync(["phone"]);
        _fake.OnSend = _ => FcmFault.Unavailable;

        var published = await node.Editor.PublishAsync("en", "Short-lived", new { push = true });

        var push = await FinishedAsync(node, published.Alert.Id);
        Assert.Equal(1, push.GetProperty("failed").GetInt64());
        Assert.InRange(_fake.Received.Count, 1, 8);
    }

    private static async Task<JsonElement> FinishedAsync(AlertsNode node, string alertId)
    {
        JsonElement push = default;
        await PushNodes.UntilAsync(async () =>
        {
            push = (await node.Editor.GetJsonAsync($"/api/v1/alerts/{alertId}/delivery")).GetProperty("push");
            return push.GetProperty("pending").GetInt64() == 0 && push.GetProperty("targets").GetInt64() > 0;
        }, "the push job to finish", TimeSpan.FromSeconds(30));
        return push;
    }
}
