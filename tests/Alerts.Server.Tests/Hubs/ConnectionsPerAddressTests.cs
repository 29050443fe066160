using System.Net;
using System.Net.Sockets;
using System.Text;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hubs;

/// <summary>
/// Live connections are bounded per client address (<c>Alerts:Limits:ConnectionsPerAddress</c>, 64 by
/// default), hub and stream together, while other addresses still connect. Loopback is a whole /8 on
/// Linux: a socket bound to 127.0.0.2 is another reader.
/// </summary>
public sealed class ConnectionsPerAddressTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string WebSocketHead = "GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private const string StreamHead = "GET /api/v1/editions/en/stream HTTP/1.1\r\nHost: a\r\n\r\n";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheSixtyFifthLiveConnectionFromOneAddressIsRefusedWhileAnotherAddressConnects()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var held = new List<Socket>();
        try
        {
            for (var i = 0; i < 64; i++)
            {
                var (socket, status) = await OpenAsync(node, "127.0.0.1", i % 2 == 0 ? WebSocketHead : StreamHead);
                held.Add(socket);
                Assert.StartsWith(i % 2 == 0 ? "HTTP/1.1 101" : "HTTP/1.1 200", status);
            }

            var (refused, refusal) = await OpenAsync(node, "127.0.0.1", StreamHead);
            using (refused)
            {
                Assert.StartsWith("HTTP/1.1 429", refusal);
            }

            var (other, accepted) = await OpenAsync(node, "127.0.0.2", WebSocketHead);
            held.Add(other);
            Assert.StartsWith("HTTP/1.1 101", accepted);

            // A connection that ends gives its place back.
            held[0].Dispose();
            var deadline = DateTime.UtcNow + Timeout;
            string again;
            do
            {
                await Task.Delay(50);
                var (socket, status) = await OpenAsync(node, "127.0.0.1", WebSocketHead);
                held.Add(socket);
                again = status;
            }
            while (!again.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

            Assert.StartsWith("HTTP/1.1 101", again);
        }
        finally
        {
            held.ForEach(socket => socket.Dispose());
        }
    }

    /// <summary>Connects from <paramref name="from"/>, sends <paramref name="head"/> and reads the response's status line.</summary>
    private static async Task<(Socket Socket, string StatusLine)> OpenAsync(AlertsNode node, string from, string head)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        await socket.ConnectAsync(IPAddress.Loopback, node.BaseAddress.Port).WaitAsync(Timeout);
        await socket.SendAsync(Encoding.ASCII.GetBytes(head).AsMemory()).AsTask().WaitAsync(Timeout);
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            if (await socket.ReceiveAsync(one.AsMemory()).AsTask().WaitAsync(Timeout) == 0)
            {
                return (socket, "closed");
            }

            line.Append((char)one[0]);
        }

        return (socket, line.ToString().TrimEnd());
    }
}
