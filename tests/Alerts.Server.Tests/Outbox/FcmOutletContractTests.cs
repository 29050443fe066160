using System.Collections.Concurrent;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Outbox;

/// <summary>The outbox suite against the FCM outlet (devices mode) and the fake FCM.</summary>
public sealed class FcmOutletContractTests(RedisFixture redis) : OutletContractTests(redis), IClassFixture<RedisFixture>
{
    private readonly ConcurrentQueue<DateTimeOffset> _answered = new();
    private FakeFcm _fake = null!;
    private Func<FakeSend, FcmFault?>? _fault;
    private int _holding;

    protected override IReadOnlyList<(string AlertId, string Target)> Accepted => [.. _fake.Accepted.Select(s => (s.AlertId!, s.Token!))];

    protected override IReadOnlyList<DateTimeOffset> Answered => [.. _answered];

    protected override int Holding => Volatile.Read(ref _holding);

    public override async Task InitializeAsync()
    {
        _fake = await FakeFcm.StartAsync();
        _fake.OnSend = send =>
        {
            var fault = _fault?.Invoke(send);
            if (fault?.Hang == true)
            {
                Interlocked.Increment(ref _holding);
            }
            else
            {
                _answered.Enqueue(DateTimeOffset.UtcNow);
            }

            return fault;
        };
    }

    public override async Task DisposeAsync() => await _fake.DisposeAsync();

    protected override Task<AlertsNode> StartNodeAsync(string prefix) =>
        PushNodes.StartAsync(Redis, prefix, _fake, new Dictionary<string, string?> { ["Alerts:Push:Mode"] = "devices", ["Alerts:Push:BatchSize"] = $"{PageSize}" });

    protected override async Task<IReadOnlyList<string>> AddTargetsAsync(AlertsNode node, int count)
    {
        var tokens = Enumerable.Range(0, count).Select(i => $"t-{i:D3}").ToList();
        await node.RegisterManyAsync(tokens);
        return tokens;
    }

    protected override void RefuseNextWithRetryAfter(TimeSpan wait)
    {
        var refused = 0;
        _fault = _ => Interlocked.Exchange(ref refused, 1) == 0 ? FcmFault.Quota(wait) : null;
    }

    protected override void HoldOnceAccepted(int accepted) => _fault = _ => _fake.AcceptedCount >= accepted ? FcmFault.Hung : null;

    protected override void Release()
    {
        _fault = null;
        _fake.ReleaseHung();
    }
}
