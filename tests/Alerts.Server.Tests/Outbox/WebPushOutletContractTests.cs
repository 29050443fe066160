using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.WebPush;

namespace Alerts.Server.Tests.Outbox;

/// <summary>The outbox suite against the Web Push outlet and the strict fake push service (VAPID, aes128gcm checked).</summary>
public sealed class WebPushOutletContractTests(RedisFixture redis) : OutletContractTests(redis), IClassFixture<RedisFixture>
{
    private readonly List<FakeSubscription> _subscriptions = [];
    private TaskCompletionSource? _gate;
    private int _holdFrom = int.MaxValue;
    private int _holding;
    private FakePushService _service = null!;

    protected override IReadOnlyList<(string AlertId, string Target)> Accepted => [.. _service.Accepted.Select(m => (m.AlertId, m.Subscription))];

    protected override IReadOnlyList<DateTimeOffset> Answered => [.. _service.Requests.Select(r => r.At)];

    protected override int Holding => Volatile.Read(ref _holding);

    public override async Task InitializeAsync()
    {
        _service = await FakePushService.StartAsync();
        _service.Hold = HoldAsync;
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

    protected override void HoldOnceAccepted(int accepted)
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _holdFrom, accepted);
    }

    protected override void Release()
    {
        Volatile.Write(ref _holdFrom, int.MaxValue);
        _gate?.TrySetResult();
    }

    /// <summary>Holds a request until <see cref="Release"/>, then drops it: only the node killed mid-page sends while requests are held.</summary>
    private async Task<bool> HoldAsync()
    {
        if (_gate is { } gate && _service.Accepted.Count >= Volatile.Read(ref _holdFrom))
        {
            Interlocked.Increment(ref _holding);
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return true;
        }

        return false;
    }
}
