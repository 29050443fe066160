using System.Net.Sockets;
using System.Text;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hubs;

/// <summary>
/// The hub's front door is Kestrel's HTTP parser and nothing else: a request head gets the same
/// answer on a fresh connection as on a reused keep-alive connection (which Kestrel has always
/// parsed), malformed heads are refused, and HTTP's policies apply to the direct hub's upgrades.
/// </summary>
public sealed class FrontDoorTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n";
    private const string Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e";

    /// <summary>Name, the bytes a client sends, whether a hub connection must result.</summary>
    public static readonly (string Name, byte[] Head, bool Accepted)[] Corpus =
    [
        ("canonical", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n"), true),
        ("lower-case names", Ascii("GET /hubs/alerts HTTP/1.1\r\nhost: a\r\n" + Upgrade.ToLowerInvariant().Replace(Key.ToLowerInvariant(), Key) + "\r\n"), true),
        ("upper-case names", Ascii("GET /hubs/alerts HTTP/1.1\r\nHOST: a\r\nUPGRADE: websocket\r\nCONNECTION: Upgrade\r\nSEC-WEBSOCKET-KEY: " + Key + "\r\nSEC-WEBSOCKET-VERSION: 13\r\n\r\n"), true),
        ("headers in another order", Ascii("GET /hubs/alerts HTTP/1.1\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Key + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nHost: a\r\n\r\n"), true),
        ("mixed-case values", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade: WebSocket\r\nConnection: keep-alive, upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n\r\n"), true),
        ("no optional whitespace", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost:a\r\nUpgrade:websocket\r\nConnection:Upgrade\r\nSec-WebSocket-Key:" + Key + "\r\nSec-WebSocket-Version:13\r\n\r\n"), true),
        ("trailing whitespace in values", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a \r\nUpgrade: websocket \t\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n\r\n"), true),
        ("a browser's headers", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: news.example:8080\r\nOrigin: https://publisher.example\r\nUser-Agent: Mozilla/5.0\r\nPragma: no-cache\r\nCache-Control: no-cache\r\nAccept-Encoding: gzip, deflate, br\r\nAccept-Language: ar,en;q=0.8\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" + Upgrade + "\r\n"), true),
        ("a query without an id", Ascii("GET /hubs/alerts?access_token=x&v=1 HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n"), true),
        // RFC 9112 §2.2 lets a server accept a bare LF as a line end, and Kestrel does.
        ("bare LF line ends", Ascii(("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n").Replace("\r\n", "\n")), true),
        ("pipelined handshake after the head", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n").Concat(MaskedText(Handshake)).ToArray(), true),
        ("no Host", Ascii("GET /hubs/alerts HTTP/1.1\r\n" + Upgrade + "\r\n"), false),
        ("two Host headers", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + Upgrade + "\r\n"), false),
        ("space before a colon", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade : websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n\r\n"), false),
        ("NUL in a header name", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nX-A\0b: 1\r\n" + Upgrade + "\r\n"), false),
        ("non-ASCII in a header name", [.. Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nX-"), .. "Ä"u8.ToArray(), .. Ascii(": 1\r\n" + Upgrade + "\r\n")], false),
        ("tab in a header name", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nX\tA: 1\r\n" + Upgrade + "\r\n"), false),
        ("empty header name", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\n: x\r\n" + Upgrade + "\r\n"), false),
        ("Content-Length with Transfer-Encoding", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n" + Upgrade + "\r\n0\r\n\r\n"), false),
        ("percent-encoded id", Ascii("GET /hubs/alerts?%69d=abc HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n"), false),
        ("negotiated id", Ascii("GET /hubs/alerts?id=abc HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n"), false),
        ("obs-fold", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade:\r\n websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n\r\n"), false),
        ("oversized head", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nX-Padding: " + new string('a', 40 * 1024) + "\r\n" + Upgrade + "\r\n"), false),
        ("space in the target", Ascii("GET /hubs/alerts x HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n"), false),
        ("two spaces after the method", Ascii("GET  /hubs/alerts HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n"), false),
        ("unknown HTTP version", Ascii("GET /hubs/alerts HTTP/1.7\r\nHost: a\r\n" + Upgrade + "\r\n"), false),
        ("WebSocket version 12", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 12\r\n\r\n"), false),
        ("no WebSocket key", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"), false),
        ("a key that is not 16 bytes", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n\r\n"), false),
        ("Connection without Upgrade", Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n\r\n"), false),
        ("POST", Ascii("POST /hubs/alerts HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n" + Upgrade + "\r\n"), false),
        ("another path", Ascii("GET /hubs/alertsx HTTP/1.1\r\nHost: a\r\n" + Upgrade + "\r\n"), false),
    ];

    [Fact]
    public async Task EveryHeadGetsTheSameAnswerOnAFreshAndOnAReusedConnection()
    {
        Assert.True(Corpus.Length >= 30);
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var wrong = new List<string>();
        foreach (var (name, head, accepted) in Corpus)
        {
            var fresh = await SendAsync(node, head, reuse: false);
            var reused = await SendAsync(node, head, reuse: true);
            if (fresh.Accepted != accepted || reused.Accepted != accepted)
            {
                wrong.Add($"{name}: expected {(accepted ? "101" : "a refusal")}, fresh answered '{fresh.StatusLine}', reused '{reused.StatusLine}'");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task TheUpgradedConnectionLimitCoversDirectConnections()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:Limits:MaxUpgradedConnections"] = "1" });
        var canonical = Corpus[0].Head;

        using var first = await ConnectAsync(node);
        Assert.StartsWith("HTTP/1.1 101", await ExchangeAsync(first.GetStream(), canonical));
        using var second = await ConnectAsync(node);

        Assert.StartsWith("HTTP/1.1 503", await ExchangeAsync(second.GetStream(), canonical));
    }

    [Fact]
    public async Task AllowedHostsCoversDirectConnections()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["AllowedHosts"] = "news.example" });

        using var stranger = await ConnectAsync(node);
        Assert.StartsWith("HTTP/1.1 400", await ExchangeAsync(stranger.GetStream(), Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: evil.example\r\n" + Upgrade + "\r\n")));
        using var known = await ConnectAsync(node);
        Assert.StartsWith("HTTP/1.1 101", await ExchangeAsync(known.GetStream(), Ascii("GET /hubs/alerts HTTP/1.1\r\nHost: news.example\r\n" + Upgrade + "\r\n")));
    }

    private static async Task<(bool Accepted, string StatusLine)> SendAsync(AlertsNode node, byte[] head, bool reuse)
    {
        using var tcp = await ConnectAsync(node);
        var stream = tcp.GetStream();
        if (reuse)
        {
            // The answer to a HEAD has no body, whatever its status: the connection is ready for the next request at once.
            Assert.StartsWith("HTTP/1.1 ", await ExchangeAsync(stream, "HEAD /healthz HTTP/1.1\r\nHost: a\r\n\r\n"u8.ToArray()));
        }

        var answer = await ExchangeAsync(stream, head);
        var accepted = answer.StartsWith("HTTP/1.1 101 ", StringComparison.Ordinal);
        if (accepted)
        {
            // A hub connection, not just a status line: it completes SignalR's handshake (sent now, or already pipelined).
            if (!head.AsSpan().EndsWith(MaskedText(Handshake)))
            {
                await stream.WriteAsync(MaskedText(Handshake));
            }

            var reply = new byte[5];
            await stream.ReadExactlyAsync(reply).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("{}\u001e", Encoding.ASCII.GetString(reply, 2, 3));
        }

        return (accepted, answer.Split("\r\n")[0]);
    }

    private static async Task<TcpClient> ConnectAsync(AlertsNode node)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(node.BaseAddress.Host, node.BaseAddress.Port);
        return tcp;
    }

    /// <summary>Sends <paramref name="bytes"/> and reads the response head byte by byte; "closed" when the server hangs up first.</summary>
    private static async Task<string> ExchangeAsync(NetworkStream stream, byte[] bytes)
    {
        try
        {
            await stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            return "closed while sending";
        }

        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int read;
            try
            {
                read = await stream.ReadAsync(one).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (IOException)
            {
                read = 0;
            }

            if (read == 0)
            {
                return head.Length == 0 ? "closed" : head.ToString();
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>A client's text frame (clients must mask; the all-zero mask keeps the payload readable).</summary>
    private static byte[] MaskedText(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        return [0x81, (byte)(0x80 | payload.Length), 0, 0, 0, 0, .. payload];
    }
}
