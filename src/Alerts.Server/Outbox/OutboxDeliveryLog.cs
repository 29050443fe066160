using System.Text.Json;
using Alerts.Core.Serialization;
using Prometheus;
using StackExchange.Redis;

namespace Alerts.Server.Outbox;

/// <summary>Each outlet's recent attempts, newest first, capped at the outlet's <see cref="OutboxPolicy.DeliveryLogLength"/>.</summary>
internal sealed class OutboxDeliveryLog(IConnectionMultiplexer redis, OutboxKeys keys)
{
    private static readonly Counter Attempts = Metrics.CreateCounter(
        "alerts_outbox_attempts_total", "Attempts of an outlet at an event, by outlet and outcome (delivered, failed, abandoned, rejected).", "outlet", "outcome");

    private IDatabase Database => redis.GetDatabase();

    public async Task RecordAsync(IOutlet outlet, OutboxAttempt attempt, CancellationToken cancellationToken)
    {
        Attempts.WithLabels(outlet.Name, JsonNamingPolicy.CamelCase.ConvertName(attempt.Outcome.ToString())).Inc();
        var batch = Database.CreateBatch();
        var push = batch.ListLeftPushAsync(keys.Deliveries(outlet.Name), JsonSerializer.Serialize(attempt, AlertsJson.Options));
        var trim = batch.ListTrimAsync(keys.Deliveries(outlet.Name), 0, outlet.Policy.DeliveryLogLength - 1);
        batch.Execute();
        await Task.WhenAll(push, trim).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxAttempt>> ReadAsync(string outlet, int limit, CancellationToken cancellationToken)
    {
        var entries = await Database.ListRangeAsync(keys.Deliveries(outlet), 0, limit - 1).WaitAsync(cancellationToken);
        return entries.Select(e => JsonSerializer.Deserialize<OutboxAttempt>((string)e!, AlertsJson.Options)!).ToList();
    }
}
