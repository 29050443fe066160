using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Web;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Syndication;

/// <summary><c>GET /api/v1/editions/{edition}/stream</c>: Server-Sent Events that resume by <c>Last-Event-ID</c>, read by Chromium's EventSource and by plain HTTP.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EventStreamTests(RedisFixture redis, BrowserFixture browser) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ChromiumsEventSourceGetsTheTickerThenEachAlertLive()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await node.Editor.PublishAsync("en", "On the ticker before the stream opens");
        await using var tab = await browser.NewPageAsync();
        await tab.Page.GotoAsync(new Uri(node.BaseAddress, "/").ToString()).WaitAsync(Timeout);

        await tab.Page.EvaluateAsync("""
            () => {
              window.seen = [];
              const source = new EventSource("/api/v1/editions/en/stream");
              source.addEventListener("reset", e => window.seen.push("reset:" + JSON.parse(e.data).ticker[0].headline + "@" + e.lastEventId));
              source.addEventListener("alert", e => window.seen.push("alert:" + JSON.parse(e.data).alert.headline + "@" + e.lastEventId));
            }
            """);
        await tab.Page.WaitForFunctionAsync("() => window.seen.length === 1", null, new() { Timeout = 10_000 });
        var live = await node.Editor.PublishAsync("en", "Published while the stream is open");
        await tab.Page.WaitForFunctionAsync("() => window.seen.length === 2", null, new() { Timeout = 2_000 });

        var seen = await tab.Page.EvaluateAsync<string[]>("() => window.seen");
        Assert.Equal($"reset:On the ticker before the stream opens@{live.Epoch}:1", seen[0]);
        Assert.Equal($"alert:Published while the stream is open@{live.Epoch}:{live.Seq}", seen[1]);
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task LastEventIdResumesWithoutAGapAndAnotherEpochGetsTheTicker()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var first = await node.Editor.PublishAsync("en", "First");
        await node.Editor.PublishAsync("en", "Second");
        var third = await node.Editor.PublishAsync("en", "Third");

        var resumed = await ReadFramesAsync(node, $"{first.Epoch}:{first.Seq}", count: 2);
        var fromAnotherEpoch = await ReadFramesAsync(node, $"gone:{third.Seq}", count: 1);

        Assert.Equal([("alert", $"{first.Epoch}:2"), ("alert", $"{first.Epoch}:3")], resumed.Select(f => (f.Event, f.Id)));
        Assert.Equal("Second", JsonDocument.Parse(resumed[0].Data).RootElement.GetProperty("alert").GetProperty("headline").GetString());
        Assert.Equal(("reset", $"{first.Epoch}:3"), (fromAnotherEpoch[0].Event, fromAnotherEpoch[0].Id));
    }

    [Fact]
    public async Task LastEventIdResumesWithoutAGapAcrossARestartOnTheSameRedis()
    {
        var prefix = RedisFixture.NewPrefix();
        string lastSeen;
        await using (var before = await AlertsNode.StartAsync(redis.ConnectionString, prefix))
        {
            var first = await before.Editor.PublishAsync("en", "Before the restart, 1");
            await before.Editor.PublishAsync("en", "Before the restart, 2");
            lastSeen = (await ReadFramesAsync(before, $"{first.Epoch}:{first.Seq}", count: 1))[0].Id;
            await before.StopAsync();
        }

        await using var after = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        var meanwhile = await after.Editor.PublishAsync("en", "While the reader was away, 3");
        await after.Editor.PublishAsync("en", "While the reader was away, 4");
        var resuming = ReadFramesAsync(after, lastSeen, count: 3);
        await after.Editor.PublishAsync("en", "After the reader is back, 5");
        var resumed = await resuming;

        Assert.Equal($"{meanwhile.Epoch}:2", lastSeen);
        Assert.Equal(
            [("alert", $"{meanwhile.Epoch}:3"), ("alert", $"{meanwhile.Epoch}:4"), ("alert", $"{meanwhile.Epoch}:5")],
            resumed.Select(f => (f.Event, f.Id)));
        Assert.Equal("While the reader was away, 3", JsonDocument.Parse(resumed[0].Data).RootElement.GetProperty("alert").GetProperty("headline").GetString());
    }

    [Fact]
    public async Task AReaderThatStopsReadingIsDisconnectedAndAnotherGetsEachAlert()
    {
        await using var node = await AlertsNode.StartAsync(
            redis.ConnectionString,
            RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:Hub:MaxQueuedBytes"] = "131072" },
            services: services => services.Configure<SocketTransportOptions>(transport => transport.CreateBoundListenSocket = endpoint =>
            {
                // Accepted sockets inherit it: a stalled reader backs up the server in kilobytes, not the megabytes loopback allows.
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = 16 * 1024;
                return socket;
            }));
        using var stalled = new TcpClient { ReceiveBufferSize = 2048 };
        await stalled.ConnectAsync(node.BaseAddress.Host, node.BaseAddress.Port).WaitAsync(Timeout);
        var stream = stalled.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/v1/editions/en/stream HTTP/1.1\r\nHost: {node.BaseAddress.Authority}\r\n\r\n"));
        var head = new byte[1024];
        Assert.Contains("200 OK", Encoding.ASCII.GetString(head, 0, await stream.ReadAsync(head).AsTask().WaitAsync(Timeout)));
        using var reading = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/stream");
        using var reader = await node.Public.SendAsync(reading, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        var readerStream = new StreamReader(await reader.Content.ReadAsStreamAsync());

        var ids = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var collecting = Task.Run(async () =>
        {
            while (await readerStream.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    ids.Enqueue(line[4..]);
                }
            }
        });

        var headline = "A long line that fills the buffers of a reader who stopped reading. " + new string('x', 200);
        var published = 0L;
        for (var burst = 0; burst < 30; burst++)
        {
            var events = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => node.Editor.PublishAsync("en", headline)));
            published = Math.Max(published, events.Max(e => e.Seq));
        }

        // The reading client got every alert, in order, while the other one stalled.
        var epoch = await EpochAsync(node);
        var readDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!ids.Contains($"{epoch}:{published}") && DateTime.UtcNow < readDeadline && !collecting.IsCompleted)
        {
            await Task.Delay(20);
        }

        // After the opening reset (the empty ticker), every alert.
        Assert.Equal(Enumerable.Range(1, (int)published).Select(seq => $"{epoch}:{seq}"), ids.Skip(1));
        // The stalled one was cut off: what the kernel buffered drains, then the stream ends.
        var buffer = new byte[64 * 1024];
        var ended = false;
        var deadline = DateTime.UtcNow + Timeout;
        while (!ended && DateTime.UtcNow < deadline)
        {
            try
            {
                ended = await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout) == 0;
            }
            catch (IOException)
            {
                ended = true;
            }
        }

        Assert.True(ended, "The reader that stopped reading was still connected.");
    }

    [Fact]
    public async Task AMalformedLastEventIdIsABadRequest()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/stream");
        request.Headers.Add("Last-Event-ID", "seven");

        using var response = await node.Public.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<string> EpochAsync(AlertsNode node) =>
        (await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=0&limit=1")).GetProperty("epoch").GetString()!;

    private static async Task<List<(string Event, string Id, string Data)>> ReadFramesAsync(AlertsNode node, string lastEventId, int count)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/stream");
        request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await node.Public.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var frames = new List<(string, string, string)>();
        string? name = null, id = null, data = null;
        while (frames.Count < count)
        {
            var line = await reader.ReadLineAsync().WaitAsync(Timeout);
            if (line is null)
            {
                break;
            }

            if (line.Length == 0 && name is not null)
            {
                frames.Add((name, id!, data!));
                (name, id, data) = (null, null, null);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        return frames;
    }
}
