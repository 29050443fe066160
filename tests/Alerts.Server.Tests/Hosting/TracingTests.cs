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
        var prefix = RedisFixture.NewPrefix();
        var spans = new List<Activity>();
        await using var first = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: TracingOn,
            services: s => s.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var otherSpans = new List<Activity>();
        await using var second = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: TracingOn,
            services: s => s.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(otherSpans)));

        var published = await first.Editor.PublishAsync("en", "Tracing: earthquake reported offshore");

        var request = await SpanAsync(spans, s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        var append = await SpanAsync(spans, s => s.OperationName == "alerts.append");
        Assert.Equal(request.SpanId, append.ParentSpanId);
        Assert.Equal(published.Alert.Id, append.GetTagItem("alerts.alert_id"));
        Assert.Equal(published.Seq, append.GetTagItem("alerts.seq"));

        foreach (var nodeSpans in new[] { spans, otherSpans })
        {
            var relay = await SpanAsync(nodeSpans, s => s.OperationName == "alerts.relay" && Equals(s.GetTagItem("alerts.seq"), published.Seq));
            Assert.Equal(append.TraceId, relay.TraceId);
            Assert.Equal(append.SpanId, relay.ParentSpanId);
            var send = await SpanAsync(nodeSpans, s => s.OperationName == "alerts.hub.send" && Equals(s.GetTagItem("alerts.seq"), published.Seq));
            Assert.Equal(relay.SpanId, send.ParentSpanId);
        }
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
        Assert.Equal(1, batch.GetTagItem("alerts.push.targets"));
        Assert.Equal(0, batch.GetTagItem("alerts.push.failed"));
    }

    private static async Task<Activity> SpanAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            // The exporter appends while this reads; by index, a read never trips over an append.
            for (var i = 0; i < spans.Count; i++)
            {
                if (match(spans[i]))
                {
                    return spans[i];
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "span not recorded within 10 s");
            await Task.Delay(50);
        }
    }
}
