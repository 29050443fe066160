using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>A WebSocket to the direct hub, spoken to record by record: for what a real client won't do.</summary>
public static class RawHubSocket
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Connects without negotiation; a small <paramref name="receiveBufferSize"/> makes a client that stops reading back up the server quickly.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(AlertsNode node, int? receiveBufferSize = null)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(node.BaseAddress) { Scheme = "ws", Path = "/hubs/alerts" }.Uri;
        await socket.ConnectAsync(uri, new HttpMessageInvoker(Handler(receiveBufferSize)), CancellationToken.None).WaitAsync(Timeout);
        return socket;
    }

    /// <summary>An HTTP handler whose sockets have a small receive buffer, for clients that stop reading.</summary>
    public static SocketsHttpHandler Handler(int? receiveBufferSize) => new()
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

    public static async Task HandshakeAsync(ClientWebSocket socket)
    {
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        Assert.Equal("{}\u001e", await ReceiveAsync(socket));
    }

    public static Task SendAsync(ClientWebSocket socket, string record) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(record + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Timeout);

    public static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            // The server joins queued records into one frame: a replay's can pass any fixed buffer.
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(Timeout);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
