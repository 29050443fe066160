using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Alerts.LoadGen;

/// <summary>
/// One subscriber, as lean as a WebSocket client gets: a socket bound to a chosen loopback source
/// address, a hand-written upgrade request (no negotiate round trip, as SignalR's skipNegotiation),
/// the runtime's WebSocket framing, and just enough of the SignalR JSON or Socket.IO protocol to
/// subscribe, answer pings and spot the load generator's stamp in each alert. The full SignalR
/// client costs several times the memory and CPU per connection, and 10,000 of them per process
/// would measure the client, not the server.
/// </summary>
internal sealed class LeanConnection : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;

    private static readonly byte[] SignalRHandshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] SignalRPing = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private static readonly byte[] SocketIoConnect = "40"u8.ToArray();
    private static readonly byte[] SocketIoPong = "3"u8.ToArray();

    private readonly WebSocket _socket;
    private readonly ClientProtocol _protocol;
    private byte[] _buffer = new byte[2048];
    private int _start;
    private int _end;
    private bool _messageComplete;

    /// <summary>Linux's <c>IPPROTO_IP</c> and <c>IP_BIND_ADDRESS_NO_PORT</c> (linux/in.h), which .NET does not name.</summary>
    private const int IpProtocolLevel = 0;
    private const int IpBindAddressNoPort = 24;

    private LeanConnection(WebSocket socket, ClientProtocol protocol)
    {
        _socket = socket;
        _protocol = protocol;
    }

    public static async Task<LeanConnection> OpenAsync(Uri hub, IPAddress source, ClientProtocol protocol, string edition, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // Without it, binding a source address takes a local port for that address alone, and nginx's
                // own connections to the nodes cannot reuse it: 90,000 clients and 90,000 proxied connections
                // exhaust the 28,000 ephemeral ports ("Cannot assign requested address"). With it, the port
                // is chosen at connect and shared by connections to different destinations.
                socket.SetRawSocketOption(IpProtocolLevel, IpBindAddressNoPort, BitConverter.GetBytes(1));
            }

            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(hub.Host, hub.Port, cancellationToken);
            await UpgradeAsync(socket, hub, protocol, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var webSocket = WebSocket.CreateFromStream(
            new NetworkStream(socket, ownsSocket: true),
            new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var connection = new LeanConnection(webSocket, protocol);
        try
        {
            await connection.SubscribeAsync(edition, cancellationToken);
            return connection;
        }
        catch
        {
            webSocket.Abort();
            webSocket.Dispose();
            throw;
        }
    }

    /// <summary>SignalR's server drops a client silent for 30 s; Socket.IO's pings are answered in <see cref="ReceiveAsync"/>.</summary>
    public Task KeepAliveAsync(CancellationToken cancellationToken) =>
        _protocol == ClientProtocol.SignalR && _socket.State == WebSocketState.Open
            ? _socket.SendAsync(SignalRPing, WebSocketMessageType.Text, endOfMessage: true, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Reads until the server closes; every record carrying a stamp goes to <paramref name="onAlert"/>.</summary>
    public async Task ReceiveAsync(AlertRecorder onAlert, CancellationToken cancellationToken)
    {
        while (await NextRecordAsync(cancellationToken) is var (offset, length))
        {
            var record = _buffer.AsSpan(offset, length);
            if (AlertMarker.TryRead(record, out var postMicros, out var index))
            {
                onAlert.Record(index, Clock.NowMicros() - postMicros);
            }
            else if (_protocol == ClientProtocol.SocketIo && record.SequenceEqual("2"u8))
            {
                await _socket.SendAsync(SocketIoPong, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            else if (_protocol == ClientProtocol.SignalR && record.IndexOf("\"type\":7"u8) >= 0)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Already gone.
        }

        _socket.Dispose();
    }

    private static async Task UpgradeAsync(Socket socket, Uri hub, ClientProtocol protocol, CancellationToken cancellationToken)
    {
        var path = protocol == ClientProtocol.SocketIo ? "/socket.io/?EIO=4&transport=websocket" : hub.PathAndQuery;
        var request = $"GET {path} HTTP/1.1\r\nHost: {hub.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cancellationToken);

        // Peek first: a Socket.IO server speaks right after the 101, and those bytes belong to the WebSocket.
        var buffer = new byte[1024];
        while (true)
        {
            var peeked = await socket.ReceiveAsync(buffer, SocketFlags.Peek, cancellationToken);
            if (peeked == 0)
            {
                throw new IOException("The server closed the connection during the upgrade.");
            }

            var end = buffer.AsSpan(0, peeked).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var headerLength = end + 4;
                for (var read = 0; read < headerLength;)
                {
                    read += await socket.ReceiveAsync(buffer.AsMemory(read, headerLength - read), SocketFlags.None, cancellationToken);
                }

                if (!buffer.AsSpan(0, headerLength).StartsWith("HTTP/1.1 101"u8))
                {
                    throw new IOException($"The upgrade was refused: {Encoding.ASCII.GetString(buffer, 0, Math.Min(headerLength, 200)).Split('\r')[0]}");
                }

                return;
            }

            if (peeked == buffer.Length)
            {
                throw new IOException("The upgrade response is too long.");
            }

            await Task.Delay(1, cancellationToken);
        }
    }

    private async Task SubscribeAsync(string edition, CancellationToken cancellationToken)
    {
        if (_protocol == ClientProtocol.SignalR)
        {
            await SendAsync(SignalRHandshake, cancellationToken);
            var handshake = await ExpectRecordAsync(cancellationToken);
            if (handshake.Contains("error", StringComparison.Ordinal))
            {
                throw new IOException($"Handshake refused: {handshake}");
            }

            await SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"{edition}\",null]}}\u001e"), cancellationToken);
            string reply;
            do
            {
                reply = await ExpectRecordAsync(cancellationToken);
            }
            while (!reply.Contains("\"type\":3", StringComparison.Ordinal));

            if (reply.Contains("\"error\"", StringComparison.Ordinal))
            {
                throw new IOException($"Subscribe failed: {reply}");
            }
        }
        else
        {
            _ = await ExpectRecordAsync(cancellationToken);
            await SendAsync(SocketIoConnect, cancellationToken);
            while (!(await ExpectRecordAsync(cancellationToken)).StartsWith("40", StringComparison.Ordinal))
            {
            }

            await SendAsync(Encoding.UTF8.GetBytes($"421[\"subscribe\",\"{edition}\"]"), cancellationToken);
            string reply;
            while (!(reply = await ExpectRecordAsync(cancellationToken)).StartsWith("431", StringComparison.Ordinal))
            {
                if (reply == "2")
                {
                    await SendAsync(SocketIoPong, cancellationToken);
                }
            }
        }
    }

    private Task SendAsync(byte[] message, CancellationToken cancellationToken) =>
        _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private async Task<string> ExpectRecordAsync(CancellationToken cancellationToken) =>
        await NextRecordAsync(cancellationToken) is var (offset, length)
            ? Encoding.UTF8.GetString(_buffer, offset, length)
            : throw new IOException("The server closed the connection while subscribing.");

    /// <summary>
    /// The next whole record, as a range of <see cref="_buffer"/> valid until the next call: SignalR
    /// records end with a record separator (several may share a frame, one may span frames);
    /// a Socket.IO packet is one WebSocket message.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int Offset, int Length)?> NextRecordAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeRecord(out var record))
            {
                return record;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(_end), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _end += result.Count;
            _messageComplete = result.EndOfMessage;
        }
    }

    private bool TryTakeRecord(out (int Offset, int Length) record)
    {
        record = default;
        if (_protocol == ClientProtocol.SignalR)
        {
            var separator = _buffer.AsSpan(_start, _end - _start).IndexOf(RecordSeparator);
            if (separator < 0)
            {
                return false;
            }

            record = (_start, separator);
            _start += separator + 1;
            return true;
        }

        if (!_messageComplete || _end == _start)
        {
            return false;
        }

        record = (_start, _end - _start);
        _start = _end;
        _messageComplete = false;
        return true;
    }
}
