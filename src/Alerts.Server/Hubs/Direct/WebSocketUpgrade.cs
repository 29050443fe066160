using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.Hubs.Direct;

/// <summary>
/// Recognises, in the first bytes of a connection, an HTTP/1.1 WebSocket upgrade to the hub that
/// skips negotiation, and answers it (RFC 6455 §4.2). Anything unusual is left to Kestrel's HTTP
/// server, which serves it through <see cref="DirectHub"/>'s middleware or SignalR, so this only
/// ever has to understand the plain request SignalR clients and browsers send.
/// </summary>
internal static class WebSocketUpgrade
{
    /// <summary>Larger request heads go to Kestrel, which enforces its own limits.</summary>
    public const int MaxHeadLength = 8 * 1024;

    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static readonly byte[] RequestStart = Encoding.ASCII.GetBytes($"GET {AlertsHub.Path}");
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    public enum Verdict
    {
        /// <summary>Not enough bytes yet to tell.</summary>
        Incomplete,

        /// <summary>Some other request, or one this reader does not handle: Kestrel's.</summary>
        NotHub,

        /// <summary>A WebSocket upgrade to the hub without a negotiated id.</summary>
        Hub,
    }

    /// <summary>Reads the request head at the start of <paramref name="buffer"/>; for <see cref="Verdict.Hub"/>, its length and the client's key.</summary>
    public static Verdict Read(ReadOnlySequence<byte> buffer, out int headLength, out string key)
    {
        headLength = 0;
        key = "";
        Span<byte> start = stackalloc byte[RequestStart.Length];
        var available = (int)Math.Min(buffer.Length, start.Length);
        buffer.Slice(0, available).CopyTo(start);
        if (!start[..available].SequenceEqual(RequestStart.AsSpan(0, available)))
        {
            return Verdict.NotHub;
        }

        var head = buffer.Length > MaxHeadLength ? buffer.Slice(0, MaxHeadLength) : buffer;
        ReadOnlySpan<byte> bytes = head.IsSingleSegment ? head.FirstSpan : head.ToArray();
        var end = bytes.IndexOf(HeadEnd);
        if (end < 0)
        {
            return buffer.Length >= MaxHeadLength ? Verdict.NotHub : Verdict.Incomplete;
        }

        headLength = end + HeadEnd.Length;
        return IsHubUpgrade(Encoding.ASCII.GetString(bytes[..end]), out key) ? Verdict.Hub : Verdict.NotHub;
    }

    /// <summary>The 101 response that completes the handshake for <paramref name="key"/>.</summary>
    public static byte[] Accepted(string key)
    {
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
        return Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
    }

    private static bool IsHubUpgrade(string head, out string key)
    {
        key = "";
        var lines = head.Split("\r\n");
        var target = lines[0]["GET ".Length..];
        if (!target.EndsWith(" HTTP/1.1", StringComparison.Ordinal) || !IsHubTarget(target[..^" HTTP/1.1".Length]))
        {
            return false;
        }

        string? upgrade = null, connection = null, version = null, protocol = null;
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon].ToLowerInvariant())
            {
                case "upgrade": upgrade = value; break;
                case "connection": connection = value; break;
                case "sec-websocket-version": version = value; break;
                case "sec-websocket-key": key = value; break;
                case "sec-websocket-protocol": protocol = value; break;
            }
        }

        return string.Equals(upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
            && connection?.Split(',').Any(token => token.Trim().Equals("upgrade", StringComparison.OrdinalIgnoreCase)) == true
            && version == "13"
            && protocol is null
            && key.Length == 24 && Convert.TryFromBase64String(key, new byte[16], out var keyLength) && keyLength == 16;
    }

    /// <summary>The hub's path, with a query that names no negotiated connection id.</summary>
    private static bool IsHubTarget(string target)
    {
        if (target == AlertsHub.Path)
        {
            return true;
        }

        return target.StartsWith(AlertsHub.Path + "?", StringComparison.Ordinal)
            && !target[(AlertsHub.Path.Length + 1)..].Split('&').Any(pair => pair == "id" || pair.StartsWith("id=", StringComparison.Ordinal));
    }
}
