using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.WebPush;

namespace Alerts.Server.Tests.Outbox;

/// <summary>The outbox suite against the Web Push outlet and the strict fake push service (VAPID, aes128gcm checked).</summary>
public sealed class WebPushOutletContractTests(RedisFixture redis) : OutletContractTests(redis), IClassFixture<RedisFixture>
{
    private readonly List<FakeSubscription> _subscriptions = [];
    private readonly HeldRequests _held = new();
    private FakePushService _service = null!;

    protected override IReadOnlyList<(string AlertId, string Target)> Accepted => [.. _service.Accepted.Select(m => (m.AlertId, m.Subscription))];

    protected override IReadOnlyList<DateTimeOffset> Answered => [.. _service.Requests.Select(r => r.At)];

    protected override int Holding => _held.Holding;

    public override async Task InitializeAsync()
    {
        _service = await FakePushService.StartAsync();
        _service.Hold = () => _held.HoldAsync(_service.Accepted.Count);
    }

    public override async Task DisposeAsync()
    {
        Release();
        await _service.DisposeAsync();
    }

    protected override Task<AlertsNode> StartNodeAsync(string prefix) =>
        WebPushNodes.StartAsync(Redis.ConnectionString, prefix, _service, new Dictionary<string, string?>
        {
            ["Alerts:WebPush:BatchSize"] = $"{PageSize}",
            ["Alerts:Push:RegistrationsPerMinute"] = "100000",
        });

    protected override async Task<IReadOnlyList<string>> AddTargetsAsync(AlertsNode node, int count)
    {
        var added = Enumerable.Range(0, count).Select(_ => _service.Subscribe()).ToList();
        foreach (var subscription in added)
        {
            await node.SubscribeAsync(subscription).WaitAsync(TimeSpan.FromSeconds(10));
        }

        _subscriptions.AddRange(added);
        return [.. added.Select(s => s.Id)];
    }

    protected override void RefuseNextWithRetryAfter(TimeSpan wait) => _service.Answer(_subscriptions[^1], (429, (int)wait.TotalSeconds));

    protected override void HoldOnceAccepted(int accepted) => _held.HoldOnceAccepted(accepted);

    protected override void Release() => _held.Release();
}
