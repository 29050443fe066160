using System.Diagnostics;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Alerts.Server.Tests.Push.Fake;
using OpenTelemetry.Trace;

namespace Alerts.Server.Tests.Hosting;

/// <summary>One trace follows an alert from the editor's request through the append and each node's relay to the hub send.</summary>
public sealed class TracingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    // Nothing listens there: the OTLP exporter is switched on by the setting and fails quietly, while the in-memory one records.
    private static readonly Dictionary<string, string?> TracingOn = new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" };

    [Fact]
    public async Task APublishIsOneTraceFromRequestToHubSendOnEveryNode()
    {
        // The exporter hears the Alerts source across the whole test process, so spans are found by
        // this alert's id and by their parents, never by position or by seq alone.
        var prefix = RedisFixture.NewPrefix();
        var spans = new List<Activity>();
        await using var first = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: TracingOn,
            services: s => s.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        await using var second = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: TracingOn);

        var published = await first.Editor.PublishAsync("en", "Tracing: earthquake reported offshore");

        var append = await SpanAsync(spans, s => s.OperationName == "alerts.append" && Equals(s.GetTagItem("alerts.alert_id"), published.Alert.Id));
        Assert.Equal(published.Seq, append.GetTagItem("alerts.seq"));
        var request = await SpanAsync(spans, s => s.SpanId == append.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.StartsWith("POST", request.DisplayName, StringComparison.Ordinal);

        // One relay per node, each continuing the append's trace, each with its hub send.
        var relays = await SpansAsync(spans, s => s.OperationName == "alerts.relay" && s.ParentSpanId == append.SpanId, count: 2);
        foreach (var relay in relays)
        {
            Assert.Equal(append.TraceId, relay.TraceId);
            Assert.Equal(published.Seq, relay.GetTagItem("alerts.seq"));
            var send = await SpanAsync(spans, s => s.OperationName == "alerts.hub.send" && s.ParentSpanId == relay.SpanId);
            Assert.Equal(published.Alert.Id, send.GetTagItem("alerts.alert_id"));
        }
    }

    [Fact]
    public async Task ADirectHubConnectionIsNotTracedWhileRequestsAroundItAre()
    {
        var spans = new List<Activity>();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: TracingOn,
            services: s => s.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

        await using (var ticker = await TickerClient.ConnectAsync(node))
        {
            await ticker.SubscribeAsync("en", null);
            var first = await node.Editor.PublishAsync("en", "Tracing: a ticker reads this line");
            await ticker.WaitForAlertAsync(first.Alert.Id, TimeSpan.FromSeconds(10));
        }

        // The connection's request ends just after the client's close; a publish after that is the marker.
        await Task.Delay(500);
        var second = await node.Editor.PublishAsync("en", "Tracing: a line after the ticker left");
        var append = await SpanAsync(spans, s => s.OperationName == "alerts.append" && Equals(s.GetTagItem("alerts.alert_id"), second.Alert.Id));
        var request = await SpanAsync(spans, s => s.SpanId == append.ParentSpanId && s.Kind == ActivityKind.Server);

        // ASP.NET Core's spans are heard from every server in the test process, and other tests hold
        // negotiated hub connections, which are traced: only this node's port counts.
        var port = node.BaseAddress.Port;
        Assert.Equal(port, request.GetTagItem("server.port"));
        Assert.DoesNotContain(Snapshot(spans), s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("server.port"), port) && Equals(s.GetTagItem("url.path"), "/hubs/alerts"));
    }

    [Fact]
    public async Task APushJobIsTracedWithItsAlertAndEachBatchOfSends()
    {
        await using var fake = await FakeFcm.StartAsync();
        var settings = fake.Settings();
        settings["Alerts:Push:PollInterval"] = "00:00:00.100";
        foreach (var (key, value) in TracingOn)
        {
            settings[key] = value;
        }

        var spans = new List<Activity>();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: settings,
            services: s => s.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

        var published = await node.Editor.PublishAsync("en", "Tracing: flash flood warning", new { urgency = "flash", push = true });
        await PushNodes.UntilAsync(() => !fake.Accepted.IsEmpty, "the push");

        var job = await SpanAsync(spans, s => s.OperationName == "alerts.push.job" && Equals(s.GetTagItem("alerts.alert_id"), published.Alert.Id));
        Assert.Equal(published.Seq, job.GetTagItem("alerts.seq"));
        var batch = await SpanAsync(spans, s => s.OperationName == "alerts.push.batch" && s.ParentSpanId == job.SpanId);
        Assert.Equal(job.TraceId, batch.TraceId);
        Assert.Equal(1, batch.GetTagItem("alerts.push.targets"));
        Assert.Equal(0, batch.GetTagItem("alerts.push.failed"));
    }

    private static async Task<Activity> SpanAsync(List<Activity> spans, Func<Activity, bool> match) =>
        (await SpansAsync(spans, match, count: 1))[0];

    private static async Task<IReadOnlyList<Activity>> SpansAsync(List<Activity> spans, Func<Activity, bool> match, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            // The exporter appends while this reads: match over a copy, never the changing list.
            var found = Snapshot(spans).Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{found.Count} of {count} spans recorded within 10 s");
            await Task.Delay(50);
        }
    }

    private static Activity[] Snapshot(List<Activity> spans)
    {
        while (true)
        {
            try
            {
                return [.. spans];
            }
            catch (ArgumentException)
            {
                // The list grew during the copy; copy again.
            }
        }
    }
}
