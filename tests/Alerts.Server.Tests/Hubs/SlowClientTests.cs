using System.Net.WebSockets;
using Alerts.Server.Hubs;
using Alerts.Server.Hubs.Direct;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Hubs;

/// <summary>
/// No client, of any transport, holds up another's delivery: one that stops reading is disconnected
/// past its queue's bound while well-behaved readers on the same node get each alert promptly.
/// </summary>
public sealed class SlowClientTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    /// <summary>How late an alert may reach a well-behaved reader; a stalled client used to hold it 5–12 s.</summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    private static readonly string LongHeadline = "A long line that fills the buffers of a reader who stopped reading. " + new string('x', 200);

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task ANegotiatedClientThatStopsReadingIsDisconnectedWhileOthersGetEachAlertPromptly(HttpTransportType transport)
    {
        await using var node = await StartNodeAsync();
        await using var direct = await TickerClient.ConnectAsync(node);
        await direct.SubscribeAsync("en", null);
        await using var negotiated = await ConnectAsync(node, transport);
        await negotiated.SubscribeAsync("en", null);
        var stall = new StallingTransport();
        await using var stalled = await ConnectStalledAsync(node, transport, stall);
        var connections = node.Services.GetRequiredService<DrainingHubLifetimeManager>();
        Assert.Equal(2, connections.ConnectionCount);

        long published;
        try
        {
            published = await PublishUntilAsync(node, () => !connections.IsOpen(stalled.ConnectionId!), direct, negotiated);
        }
        finally
        {
            // Reading again lets the client notice it was disconnected, and its disposal end.
            await stall.DisposeAsync();
        }

        Assert.False(connections.IsOpen(stalled.ConnectionId!), "The stalled client was never disconnected.");
        Assert.True(connections.IsOpen(negotiated.Connection.ConnectionId!), "The reading client was disconnected.");
        Assert.Equal(Enumerable.Range(1, (int)published).Select(i => (long)i), direct.OrderedSeqs("en"));
        Assert.Equal(Enumerable.Range(1, (int)published).Select(i => (long)i), negotiated.OrderedSeqs("en"));
    }

    [Fact]
    public async Task ADirectClientThatStopsReadingAfterAskingForHistoryNeverDelaysTheOthers()
    {
        await using var node = await StartNodeAsync();
        await using var direct = await TickerClient.ConnectAsync(node);
        await direct.SubscribeAsync("en", null);
        await using var negotiated = await ConnectAsync(node, HttpTransportType.WebSockets);
        await negotiated.SubscribeAsync("en", null);
        using var stalled = await RawHubSocket.ConnectAsync(node, receiveBufferSize: 2048);
        await RawHubSocket.HandshakeAsync(stalled);
        await RawHubSocket.SendAsync(stalled, """{"type":1,"target":"Subscribe","arguments":["en",null]}""");
        await RawHubSocket.SendAsync(stalled, """{"type":1,"target":"Subscribe","arguments":["en",0]}""");
        var connections = node.Services.GetRequiredService<DirectConnections>();
        Assert.Equal(2, connections.Count);

        var published = await PublishUntilAsync(node, () => connections.Count < 2, direct, negotiated);

        Assert.Equal(1, connections.Count);
        Assert.Equal(Enumerable.Range(1, (int)published).Select(i => (long)i), negotiated.OrderedSeqs("en"));
    }

    [Fact]
    public async Task SeventyFiveSubscribesInOneFrameGetABoundedReplayAndNeverDelayTheOthers()
    {
        await using var node = await StartNodeAsync();
        for (var batch = 0; batch < 10; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => node.Editor.PublishAsync("en", LongHeadline)));
        }

        await using var reader = await TickerClient.ConnectAsync(node);
        await reader.SubscribeAsync("en", 200);
        using var hostile = await RawHubSocket.ConnectAsync(node);
        await RawHubSocket.HandshakeAsync(hostile);
        var subscribes = string.Concat(Enumerable.Repeat("""{"type":1,"target":"Subscribe","arguments":["en",0]}""" + "\u001e", 74))
            + """{"type":1,"invocationId":"last","target":"Subscribe","arguments":["en",0]}""" + "\u001e";
        Assert.InRange(subscribes.Length, 1, 4 * 1024);

        await hostile.SendAsync(System.Text.Encoding.UTF8.GetBytes(subscribes), WebSocketMessageType.Text, true, CancellationToken.None);
        var reading = ReadUntilCompletedAsync(hostile, "last");
        var live = await node.Editor.PublishAsync("en", "Live while the replay is asked for 75 times");
        await reader.WaitForSeqAsync("en", live.Seq, Promptly);
        var received = await reading.WaitAsync(TimeSpan.FromSeconds(20));

        // 200 events (~700 B each with its epoch and actor), 75 times, would be ~10 MB: after the first
        // replay the connection has every event after 0, so the other 74 calls replay nothing.
        Assert.InRange(received, 1, 2 * 200 * 800);
        // The hub may repeat events at the boundary of a subscription (the contract allows it): what
        // matters is that the live alert came, once, and nothing after the position is missing.
        Assert.Equal([live.Seq], reader.OrderedSeqs("en").Where(seq => seq > 200));
    }

    private Task<AlertsNode> StartNodeAsync() =>
        AlertsNode.StartAsync(
            redis.ConnectionString,
            RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?>
            {
                // Far above what a reading client ever has queued (a burst below is ~15 KB), far below what a stalled one will.
                ["Alerts:Hub:MaxQueuedBytes"] = "131072",
            },
            services: services => services.Configure<SocketTransportOptions>(transport => transport.CreateBoundListenSocket = endpoint =>
            {
                // Accepted sockets inherit it: a stalled client backs up the server in kilobytes, not the megabytes loopback allows.
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = 16 * 1024;
                return socket;
            }));

    /// <summary>
    /// Publishes bursts of long alerts until <paramref name="done"/>, checking after each that every
    /// reader got the whole burst within <see cref="Promptly"/>; returns the last seq published.
    /// </summary>
    private static async Task<long> PublishUntilAsync(AlertsNode node, Func<bool> done, params TickerClient[] readers)
    {
        var published = 0L;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done() && DateTime.UtcNow < deadline)
        {
            var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => node.Editor.PublishAsync("en", LongHeadline)));
            published = Math.Max(published, burst.Max(e => e.Seq));
            await Task.WhenAll(readers.Select(r => r.WaitForSeqAsync("en", published, Promptly)));
        }

        return published;
    }

    private static async Task<TickerClient> ConnectAsync(AlertsNode node, HttpTransportType transport)
    {
        var client = new TickerClient(new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, AlertsHub.Path), options => options.Transports = transport)
            .Build());
        await client.Connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    /// <summary>A real SignalR client over <paramref name="transport"/> that subscribes, then stops reading.</summary>
    private static async Task<HubConnection> ConnectStalledAsync(AlertsNode node, HttpTransportType transport, StallingTransport stall)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, AlertsHub.Path), options =>
            {
                options.Transports = transport;
                options.TransportMaxBufferSize = 4096;
                options.ApplicationMaxBufferSize = 4096;
                options.HttpMessageHandlerFactory = _ => stall.Handler();
                options.WebSocketFactory = (context, cancellationToken) => stall.ConnectWebSocketAsync(context.Uri, cancellationToken);
            })
            .Build();
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await connection.InvokeAsync("Subscribe", "en", (long?)null).WaitAsync(TimeSpan.FromSeconds(10));
        stall.Stop();
        return connection;
    }

    /// <summary>Reads until the server closes the connection; returns how many bytes it sent.</summary>
    /// <summary>Counts the bytes received until the completion of invocation <paramref name="invocationId"/> arrives.</summary>
    private static async Task<long> ReadUntilCompletedAsync(ClientWebSocket socket, string invocationId)
    {
        var received = 0L;
        while (true)
        {
            var message = await RawHubSocket.ReceiveAsync(socket);
            received += System.Text.Encoding.UTF8.GetByteCount(message);
            if (message.Contains($"\"invocationId\":\"{invocationId}\"", StringComparison.Ordinal))
            {
                return received;
            }
        }
    }
}
