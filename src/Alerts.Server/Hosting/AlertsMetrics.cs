using System.Collections.Concurrent;
using System.Text.Json;
using Alerts.Server.Push.Sending;
using Prometheus;

namespace Alerts.Server.Hosting;

/// <summary>
/// The product's own metrics, exported at <c>/metrics</c> with the runtime's by prometheus-net.
/// Names are a telemetry contract: documented in the README. prometheus-net's registry is
/// process-wide, so several nodes in one process (the tests) add up.
/// </summary>
internal sealed class AlertsMetrics
{
    private readonly ConcurrentDictionary<string, long> _subscriptionsByEdition = new(StringComparer.Ordinal);

    private static readonly Counter Ingested = Metrics.CreateCounter(
        "alerts_ingested_total", "Events appended to an edition's log, by edition and type.", "edition", "type");

    private static readonly Counter Relayed = Metrics.CreateCounter(
        "alerts_events_relayed_total", "Events this node relayed to its hub connections, by edition.", "edition");

    private static readonly Histogram RelayLatency = Metrics.CreateHistogram(
        "alerts_relay_latency_seconds", "From an event's acceptance to this node relaying it to the hub group.",
        new HistogramConfiguration
        {
            LabelNames = ["edition"],
            Buckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10],
        });

    private static readonly Gauge Subscriptions = Metrics.CreateGauge(
        "alerts_hub_subscriptions", "Hub connections subscribed on this node, by edition.", "edition");

    private static readonly Counter RedisReconnects = Metrics.CreateCounter(
        "alerts_redis_reconnects_total", "Redis connections restored after a failure, by connection type.", "connection");

    private static readonly Counter PushSends = Metrics.CreateCounter(
        "alerts_push_sends_total", "Messages handed to FCM, by result.", "result");

    private static readonly Gauge RegisteredDevices = Metrics.CreateGauge(
        "alerts_push_registered_devices", "Devices in the push registry, by edition; the registry is shared, so every node reports the same figure.", "edition");

    public void IngestedEvent(string edition, string type) => Ingested.WithLabels(edition, type).Inc();

    public void RelayedEvent(string edition, TimeSpan sinceAccepted)
    {
        Relayed.WithLabels(edition).Inc();
        RelayLatency.WithLabels(edition).Observe(Math.Max(0, sinceAccepted.TotalSeconds));
    }

    /// <summary>This node's hub subscriptions by edition; the gauge is process-wide, and tests run several nodes in one process.</summary>
    public IReadOnlyDictionary<string, long> SubscriptionsByEdition => _subscriptionsByEdition;

    public void Subscribed(string edition, int change)
    {
        Subscriptions.WithLabels(edition).Inc(change);
        _subscriptionsByEdition.AddOrUpdate(edition, change, (_, count) => count + change);
    }

    public void RedisReconnected(string connectionType) => RedisReconnects.WithLabels(connectionType).Inc();

    public void PushSent(SendResult result, long count = 1) => PushSends.WithLabels(JsonNamingPolicy.CamelCase.ConvertName(result.ToString())).Inc(count);

    public void DevicesRegistered(string edition, long count) => RegisteredDevices.WithLabels(edition).Set(count);
}
