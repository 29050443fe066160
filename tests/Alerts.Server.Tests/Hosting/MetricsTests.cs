using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hosting;

public sealed class MetricsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task MetricsExposeIngestRelayLatencyAndSubscriptionsInPrometheusFormat()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("es", null);
        var published = await node.Editor.PublishAsync("es", "Línea para las métricas");
        await ticker.WaitForSeqAsync("es", published.Seq);

        using var response = await node.Public.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("""alerts_ingested_total\{[^}]*edition="es"[^}]*type="published"[^}]*\} [1-9]""", text);
        Assert.Matches("""alerts_events_relayed_total\{[^}]*edition="es"[^}]*\} [1-9]""", text);
        Assert.Matches("""alerts_relay_latency_seconds_bucket\{[^}]*edition="es"[^}]*le="\+Inf"[^}]*\} [1-9]""", text);
        Assert.Matches("""alerts_hub_subscriptions\{[^}]*edition="es"[^}]*\} [1-9]""", text);
    }
}
