using System.Text.Json;
using Alerts.Core.Serialization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>Each webhook's recent attempts, newest first, capped at <see cref="WebhookDeliveryOptions.DeliveryLogLength"/>.</summary>
internal sealed class WebhookDeliveryLog(IConnectionMultiplexer redis, WebhookKeys keys, IOptions<WebhookDeliveryOptions> options)
{
    private IDatabase Database => redis.GetDatabase();

    public async Task RecordAsync(string webhook, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var batch = Database.CreateBatch();
        var push = batch.ListLeftPushAsync(keys.Deliveries(webhook), JsonSerializer.Serialize(attempt, AlertsJson.Options));
        var trim = batch.ListTrimAsync(keys.Deliveries(webhook), 0, options.Value.DeliveryLogLength - 1);
        batch.Execute();
        await Task.WhenAll(push, trim).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookAttempt>> ReadAsync(string webhook, int limit, CancellationToken cancellationToken)
    {
        var entries = await Database.ListRangeAsync(keys.Deliveries(webhook), 0, limit - 1).WaitAsync(cancellationToken);
        return entries.Select(e => JsonSerializer.Deserialize<WebhookAttempt>((string)e!, AlertsJson.Options)!).ToList();
    }
}
