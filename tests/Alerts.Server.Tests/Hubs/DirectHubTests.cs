using System.Net.Sockets;
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
        using var stalled = await ConnectRawAsync(node, receiveBufferSize: 2048);
        await HandshakeAsync(stalled);
        await SendAsync(stalled, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":["en",null]}""");
        Assert.Contains("\"invocationId\":\"1\"", await ReceiveAsync(stalled));
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
        using var socket = await ConnectRawAsync(node);

        await SendAsync(socket, """{"protocol":"messagepack","version":1}""");

        using var answer = JsonDocument.Parse((await ReceiveAsync(socket)).TrimEnd('\u001e'));
        Assert.Contains("negotiate", answer.RootElement.GetProperty("error").GetString());
        Assert.Equal(WebSocketMessageType.Close, (await socket.ReceiveAsync(new byte[64], CancellationToken.None).WaitAsync(Timeout)).MessageType);
    }

    [Theory]
    [InlineData("not json at all\u001e", "not a JSON object")]
    [InlineData("""{"type":1,"target":"Subscribe","arguments":["en",null]}""", "record separator")]
    public async Task AMalformedMessageClosesTheConnectionWithAnError(string message, string reason)
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var socket = await ConnectRawAsync(node);
        await HandshakeAsync(socket);

        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

        using var close = JsonDocument.Parse((await ReceiveAsync(socket)).TrimEnd('\u001e'));
        Assert.Equal(7, close.RootElement.GetProperty("type").GetInt32());
        Assert.Contains(reason, close.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ArgumentsOfTheWrongTypeAreABindingErrorAndTheConnectionStaysUsable()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var socket = await ConnectRawAsync(node);
        await HandshakeAsync(socket);

        await SendAsync(socket, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":["en","seven"]}""");
        Assert.Contains("Error binding arguments", await ReceiveAsync(socket));
        await SendAsync(socket, """{"type":1,"invocationId":"2","target":"subscribe","arguments":["en",0]}""");
        var completion = await ReceiveAsync(socket);

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
        using var socket = await ConnectRawAsync(node);
        await HandshakeAsync(socket);

        Assert.Equal("{\"type\":6}\u001e", await ReceiveAsync(socket));
        var deadline = DateTime.UtcNow + Timeout;
        var ended = false;
        while (!ended && DateTime.UtcNow < deadline)
        {
            try
            {
                ended = (await ReceiveAsync(socket)).StartsWith("{\"type\":7", StringComparison.Ordinal) || socket.State != WebSocketState.Open;
            }
            catch (WebSocketException)
            {
                ended = true;
            }
        }

        Assert.True(ended, "A client that sent nothing after its handshake was still connected after the client timeout.");
    }

    private static async Task<ClientWebSocket> ConnectRawAsync(AlertsNode node, int? receiveBufferSize = null)
    {
        var socket = new ClientWebSocket();
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (receiveBufferSize is { } size)
                {
                    tcp.ReceiveBufferSize = size;
                }

                await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(tcp, ownsSocket: true);
            },
        };
        var uri = new UriBuilder(node.BaseAddress) { Scheme = "ws", Path = "/hubs/alerts" }.Uri;
        await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), CancellationToken.None).WaitAsync(Timeout);
        return socket;
    }

    private static async Task HandshakeAsync(ClientWebSocket socket)
    {
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        Assert.Equal("{}\u001e", await ReceiveAsync(socket));
    }

    private static Task SendAsync(ClientWebSocket socket, string record) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(record + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Timeout);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(Timeout);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
