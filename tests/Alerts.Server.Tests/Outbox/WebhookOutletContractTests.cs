using System.Collections.Concurrent;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Syndication;

namespace Alerts.Server.Tests.Outbox;

/// <summary>The outbox suite against a webhook and a receiver on Kestrel; the webhook is one target.</summary>
public sealed class WebhookOutletContractTests(RedisFixture redis) : OutletContractTests(redis), IClassFixture<RedisFixture>
{
    private const string Target = "contract";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9E5/6QoYJ7Q=";
    private readonly ConcurrentQueue<DateTimeOffset> _answered = new();
    private readonly HeldRequests _held = new();
    private int _refuseNext;
    private WebhookReceiver _receiver = null!;

    protected override IReadOnlyList<(string AlertId, string Target)> Accepted =>
        [.. _receiver.Received.Where(r => r.Status is >= 200 and < 300).Select(r => (r.Id.Split('_')[^1], Target))];

    protected override IReadOnlyList<DateTimeOffset> Answered => [.. _answered];

    protected override int Holding => _held.Holding;

    public override async Task InitializeAsync() =>
        _receiver = await WebhookReceiver.StartAsync(Answer, hold: () => _held.HoldAsync(Accepted.Count), retryAfter: TimeSpan.FromSeconds(1));

    public override async Task DisposeAsync()
    {
        Release();
        await _receiver.DisposeAsync();
    }

    protected override Task<AlertsNode> StartNodeAsync(string prefix) =>
        AlertsNode.StartAsync(Redis.ConnectionString, prefix, settings: new Dictionary<string, string?>
        {
            [$"Alerts:Webhooks:{Target}:Url"] = _receiver.Url.ToString(),
            [$"Alerts:Webhooks:{Target}:Secret"] = Secret,
            ["Alerts:WebhookDelivery:PollInterval"] = "00:00:00.050",
            ["Alerts:WebhookDelivery:LeaseDuration"] = "00:00:02",
            ["Alerts:WebhookDelivery:FirstRetryDelay"] = "00:00:00.100",
            ["Alerts:WebhookDelivery:RequestTimeout"] = "00:00:01",
        });

    protected override Task<IReadOnlyList<string>> AddTargetsAsync(AlertsNode node, int count) => Task.FromResult<IReadOnlyList<string>>([Target]);

    protected override void RefuseNextWithRetryAfter(TimeSpan wait) => Volatile.Write(ref _refuseNext, 1);

    protected override void HoldOnceAccepted(int accepted) => _held.HoldOnceAccepted(accepted);

    protected override void Release() => _held.Release();

    private int Answer(int arrival)
    {
        _answered.Enqueue(DateTimeOffset.UtcNow);
        return Interlocked.Exchange(ref _refuseNext, 0) == 1 ? 503 : 204;
    }
}
