using System.Net;
using System.Net.Sockets;
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

    [Fact]
    public async Task WithAMetricsPortOnlyThatPortServesMetrics()
    {
        var port = FreeLoopbackPort();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await node.Editor.PublishAsync("en", "A line the scraper counts");

        using var publicPort = await node.Public.GetAsync("/metrics");
        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var metricsPort = await scraper.GetAsync($"http://127.0.0.1:{port}/metrics");

        Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metricsPort.StatusCode);
        Assert.Matches("""alerts_ingested_total\{[^}]*edition="en"[^}]*\} [1-9]""", await metricsPort.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMetricsPortOutOfRangeStopsTheStart()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:Metrics:Port"] = "70000" }));

        Assert.Contains("Port", failure.Message);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
