using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Floor;

/// <summary>
/// Writes each frame, encoded once, to every subscribed socket: the floor under any broadcaster on
/// these sockets. Frames go out one broadcast at a time (a WebSocket takes one send at a time); a
/// socket that fails is dropped. No per-connection queue, no slow-client policy: the floor only
/// has to be fast for clients that read.
/// </summary>
internal sealed class Broadcaster(IServiceProvider services) : BackgroundService
{
    private readonly ConcurrentDictionary<WebSocket, bool> _sockets = new();
    private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(WebSocket socket) => _sockets.TryAdd(socket, true);

    public void Remove(WebSocket socket) => _sockets.TryRemove(socket, out _);

    public void Enqueue(byte[] frame) => _frames.Writer.TryWrite(frame);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await services.GetRequiredService<IFrameFanout>().StartAsync(stoppingToken);
        var pending = new List<(WebSocket Socket, Task Send)>();
        await foreach (var frame in _frames.Reader.ReadAllAsync(stoppingToken))
        {
            foreach (var socket in _sockets.Keys)
            {
                var send = socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, stoppingToken);
                if (!send.IsCompletedSuccessfully)
                {
                    pending.Add((socket, send.AsTask()));
                }
            }

            foreach (var (socket, send) in pending)
            {
                try
                {
                    await send;
                }
                catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
                {
                    Remove(socket);
                }
            }

            pending.Clear();
        }
    }
}
