using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Alerts.Server.Tests.Syndication;

/// <summary>
/// A loopback TCP forwarder to one port that keeps each connection's request head and can cut every
/// connection at once: a network drop the client did not ask for, which it must recover from alone.
/// </summary>
public sealed class CuttableForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<(TcpClient Client, TcpClient Target)> _open = [];
    private readonly List<string> _requestHeads = [];
    private readonly Task _accepting;

    public CuttableForwarder(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync(_stopping.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The start of what each client sent, in the order the connections came.</summary>
    public IReadOnlyList<string> RequestHeads
    {
        get
        {
            lock (_lock)
            {
                return [.. _requestHeads];
            }
        }
    }

    public void CutAll()
    {
        lock (_lock)
        {
            foreach (var (client, target) in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                target.Dispose();
            }

            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            var target = new TcpClient();
            await target.ConnectAsync(IPAddress.Loopback, _targetPort, cancellationToken);
            int index;
            lock (_lock)
            {
                _open.Add((client, target));
                index = _requestHeads.Count;
                _requestHeads.Add("");
            }

            _ = PipeAsync(client.GetStream(), target.GetStream(), index, cancellationToken);
            _ = PipeAsync(target.GetStream(), client.GetStream(), null, cancellationToken);
        }
    }

    private async Task PipeAsync(NetworkStream from, NetworkStream to, int? requestIndex, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (requestIndex is { } index)
                {
                    lock (_lock)
                    {
                        _requestHeads[index] += Encoding.ASCII.GetString(buffer, 0, read);
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The other side went, or the test cut the connection: either way this pipe ends.
        }
    }
}
