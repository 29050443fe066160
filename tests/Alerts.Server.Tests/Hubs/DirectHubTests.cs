using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Alerts.Server.Hubs.Direct;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Hubs;

/// <summary>What the direct WebSocket hub does beyond SignalR's protocol: its limits and its answers to bad clients.</summary>
public sealed class DirectHubTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AClientThatStopsReadingIsDisconnectedAndEveryOtherReaderGetsEveryEvent()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?>
        {
            // Far above what a reading client ever has queued (a burst below is ~35 KB), far below what the stalled one will.
            ["Alerts:Hub:MaxQueuedBytes"] = "262144",
        });
        await using var reader = await TickerClient.ConnectAsync(node);
        await reader.SubscribeAsync("en", null);
        // A tiny receive buffer, never read after subscribing: the server's writes back up quickly.
        using var stalled = await RawHubSocket.ConnectAsync(node, receiveBufferSize: 2048);
        await RawHubSocket.HandshakeAsync(stalled);
        await RawHubSocket.SendAsync(stalled, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":["en",null]}""");
        Assert.Contains("\"invocationId\":\"1\"", await RawHubSocket.ReceiveAsync(stalled));
        var connections = node.Services.GetRequiredService<DirectConnections>();
        Assert.Equal(2, connections.Count);

        var headline = "A long line that fills the buffers of a reader who has stopped reading. " + new string('x', 200);
        var published = 0L;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (connections.Count == 2 && DateTime.UtcNow < deadline)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => node.Editor.PublishAsync("en", headline)));
            published = Math.Max(published, batch.Max(e => e.Seq));
        }

        Assert.Equal(1, connections.Count);
        await reader.WaitForSeqAsync("en", published);
        Assert.Equal(Enumerable.Range(1, (int)published).Select(i => (long)i), reader.OrderedSeqs("en"));
    }

    [Fact]
    public async Task AHandshakeForAnotherProtocolIsRefusedWithAReason()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var socket = await RawHubSocket.ConnectAsync(node);

        await RawHubSocket.SendAsync(socket, """{"protocol":"messagepack","version":1}""");

        using var answer = JsonDocument.Parse((await RawHubSocket.ReceiveAsync(socket)).TrimEnd('\u001e'));
        Assert.Contains("negotiate", answer.RootElement.GetProperty("error").GetString());
        Assert.Equal(WebSocketMessageType.Close, (await socket.ReceiveAsync(new byte[64], CancellationToken.None).WaitAsync(Timeout)).MessageType);
    }

    [Theory]
    [InlineData("not json at all\u001e", "not a JSON object")]
    [InlineData("""{"type":1,"target":"Subscribe","arguments":["en",null]}""", "record separator")]
    public async Task AMalformedMessageClosesTheConnectionWithAnError(string message, string reason)
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var socket = await RawHubSocket.ConnectAsync(node);
        await RawHubSocket.HandshakeAsync(socket);

        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

        using var close = JsonDocument.Parse((await RawHubSocket.ReceiveAsync(socket)).TrimEnd('\u001e'));
        Assert.Equal(7, close.RootElement.GetProperty("type").GetInt32());
        Assert.Contains(reason, close.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ArgumentsOfTheWrongTypeAreABindingErrorAndTheConnectionStaysUsable()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var socket = await RawHubSocket.ConnectAsync(node);
        await RawHubSocket.HandshakeAsync(socket);

        await RawHubSocket.SendAsync(socket, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":["en","seven"]}""");
        Assert.Contains("Error binding arguments", await RawHubSocket.ReceiveAsync(socket));
        await RawHubSocket.SendAsync(socket, """{"type":1,"invocationId":"2","target":"subscribe","arguments":["en",0]}""");
        var completion = await RawHubSocket.ReceiveAsync(socket);

        Assert.Contains("\"invocationId\":\"2\"", completion);
        Assert.DoesNotContain("error", completion);
    }

    [Fact]
    public async Task AnIdleClientIsPingedAndASilentOneIsClosed()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), services: services => services.Configure<HubOptions>(hub =>
        {
            hub.KeepAliveInterval = TimeSpan.FromSeconds(1);
            hub.ClientTimeoutInterval = TimeSpan.FromSeconds(3);
        }));
        using var socket = await RawHubSocket.ConnectAsync(node);
        await RawHubSocket.HandshakeAsync(socket);

        Assert.Equal("{\"type\":6}\u001e", await RawHubSocket.ReceiveAsync(socket));
        var deadline = DateTime.UtcNow + Timeout;
        var ended = false;
        while (!ended && DateTime.UtcNow < deadline)
        {
            try
            {
                ended = (await RawHubSocket.ReceiveAsync(socket)).StartsWith("{\"type\":7", StringComparison.Ordinal) || socket.State != WebSocketState.Open;
            }
            catch (WebSocketException)
            {
                ended = true;
            }
        }

        Assert.True(ended, "A client that sent nothing after its handshake was still connected after the client timeout.");
    }
}
