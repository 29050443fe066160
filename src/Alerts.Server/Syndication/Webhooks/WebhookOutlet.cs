using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Server.Outbox;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// One webhook as an outlet of the outbox: the event, signed, POSTed once per attempt. Any 2xx is
/// delivered; anything else, a timeout or no connection is a failure the outbox retries in order.
/// </summary>
internal sealed class WebhookOutlet(string name, WebhookOptions webhook, IReadOnlyList<string> editions, OutboxPolicy policy, WebhookPayload payload, WebhookSender sender)
    : IOutlet
{
    private readonly byte[] _key = WebhookSignature.TryDecodeSecret(webhook.Secret!)!;
    private readonly HashSet<string> _types = webhook.Types.ToHashSet(StringComparer.Ordinal);

    public static string OutletName(string webhook) => $"webhook:{webhook}";

    public string Name { get; } = OutletName(name);

    public IReadOnlyList<string> Editions => editions;

    public OutboxPolicy Policy => policy;

    public bool IsOneTarget => true;

    public bool Wants(AlertEvent alertEvent) =>
        _types.Count == 0 || _types.Contains(JsonNamingPolicy.CamelCase.ConvertName(alertEvent.Type.ToString()));

    public async Task<OutletResult> DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var body = await payload.BuildAsync(item.Event, item.Stored.Json, cancellationToken);
        var result = await sender.SendAsync(webhook.Url!, _key, item.MessageId, body, cancellationToken);
        return new OutletResult(result.Delivered ? OutletOutcome.Delivered : OutletOutcome.Failed, result.Status, result.Error, result.DurationMs, result.RetryAfter);
    }
}
