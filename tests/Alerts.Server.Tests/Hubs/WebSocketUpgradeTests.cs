using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Alerts.Server.Hubs.Direct;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Hubs;

/// <summary>The front door: which connections the direct hub answers before Kestrel's HTTP server, and that every other one still reaches it.</summary>
public sealed class WebSocketUpgradeTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    [Theory]
    [InlineData("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n\r\n", "Hub")]
    [InlineData("GET /hubs/alerts?access_token=x HTTP/1.1\r\nupgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\nsec-websocket-key: " + Key + "\r\nsec-websocket-version: 13\r\n\r\n", "Hub")]
    [InlineData("GET /hubs/alerts?id=abc HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n\r\n", "NotHub")]
    [InlineData("GET /hubs/alerts HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat\r\n\r\n", "NotHub")]
    [InlineData("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\n\r\n", "NotHub")]
    [InlineData("GET /hubs/alertsx HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n\r\n", "NotHub")]
    [InlineData("POST /api/v1/alerts HTTP/1.1\r\n", "NotHub")]
    [InlineData("GET /hub", "Incomplete")]
    [InlineData("GET /hubs/alerts HTTP/1.1\r\nUpgrade: websocket\r\n", "Incomplete")]
    public void OnlyAPlainWebSocketUpgradeToTheHubIsAnsweredBeforeHttp(string head, string expected)
    {
        var verdict = WebSocketUpgrade.Read(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(head)), out var length, out var key);

        Assert.Equal(expected, verdict.ToString());
        if (verdict == WebSocketUpgrade.Verdict.Hub)
        {
            Assert.Equal(head.Length, length);
            Assert.Equal(Key, key);
        }
    }

    [Fact]
    public void TheAcceptKeyIsTheOneRfc6455Computes()
    {
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", Encoding.ASCII.GetString(WebSocketUpgrade.Accepted(Key)));
    }

    [Fact]
    public async Task ARequestArrivingInPiecesStillReachesKestrel()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var tcp = await ConnectAsync(node);
        var stream = tcp.GetStream();

        await stream.WriteAsync("GE"u8.ToArray());
        await Task.Delay(100);
        await stream.WriteAsync("T /healthz HTTP/1.1\r\nHost: a\r\n\r\n"u8.ToArray());

        Assert.StartsWith("HTTP/1.1 200", await ReadHeadAsync(stream));
    }

    [Fact]
    public async Task AConnectionThatNeverSendsItsRequestIsClosedAfterTheHandshakeTimeout()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            services: services => services.Configure<HubOptions>(hub => hub.HandshakeTimeout = TimeSpan.FromSeconds(1)));
        using var tcp = await ConnectAsync(node);
        var stream = tcp.GetStream();

        await stream.WriteAsync("GET /hubs/al"u8.ToArray());

        // Closed, with a FIN or (the unread head still in the server's buffer) a reset; a timeout fails the test.
        var closed = await Record.ExceptionAsync(async () => Assert.Equal(0, await stream.ReadAsync(new byte[64]).AsTask().WaitAsync(TimeSpan.FromSeconds(10))));
        Assert.True(closed is null or IOException, $"The silent connection was not closed: {closed}");
    }

    [Fact]
    public async Task AnUpgradeOnAReusedKeepAliveConnectionIsServedByTheHttpSideDoor()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var tcp = await ConnectAsync(node);
        var stream = tcp.GetStream();
        // The answer to a HEAD has no body, whatever its status: the connection is ready for the next request at once.
        await stream.WriteAsync("HEAD /healthz HTTP/1.1\r\nHost: a\r\n\r\n"u8.ToArray());
        Assert.StartsWith("HTTP/1.1 ", await ReadHeadAsync(stream));

        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 101", await ReadHeadAsync(stream));
        using var socket = WebSocket.CreateFromStream(stream, isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        await socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    private static async Task<TcpClient> ConnectAsync(AlertsNode node)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(node.BaseAddress.Host, node.BaseAddress.Port);
        return tcp;
    }

    /// <summary>Reads byte by byte up to the blank line, so nothing after the head is consumed.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
