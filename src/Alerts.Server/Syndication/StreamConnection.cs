using Alerts.Server.Fanout;
using Alerts.Server.Hubs;

namespace Alerts.Server.Syndication;

/// <summary>
/// One reader of <c>GET /api/v1/editions/{edition}/stream</c>: the same <see cref="SendQueue{T}"/> as a
/// hub connection's, of Server-Sent Events frames, which the relay adds to and never waits for; a
/// comment when nothing was sent for a while keeps proxies from closing the stream. A reader that lets
/// the queue pass <see cref="HubConnectionLimits.MaxQueuedBytes"/> is disconnected, as a slow hub client
/// is; its EventSource reconnects with <c>Last-Event-ID</c> and resumes.
/// </summary>
internal sealed class StreamConnection : IFeedSubscriber
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    private readonly HttpContext _context;
    private readonly HubConnectionLimits _limits;
    private readonly SendQueue<byte[]> _queue;

    public StreamConnection(HttpContext context, HubConnectionLimits limits)
    {
        _context = context;
        _limits = limits;
        _queue = new SendQueue<byte[]>(limits.MaxQueuedBytes, WriteAsync, context.Abort);
        ReplayBudget = limits.NewReplayBudget();
    }

    public string[] Editions { get; set; } = [];

    public FeedTransport Transport => FeedTransport.EventStream;

    public ReplayBudget ReplayBudget { get; }

    public void Send(FeedMessage message) => Send(message.Encoded(StreamFrameEncoding.Instance));

    public Task WhenReadyForHistoryAsync(CancellationToken cancellationToken) => _queue.WhenQueuedAtMostAsync(_limits.HistoryPaceBytes, cancellationToken);

    public void Abort()
    {
        _queue.Close();
        _context.Abort();
    }

    /// <summary>Keeps the stream open until the reader goes away, with a comment after <paramref name="keepAlive"/> of silence.</summary>
    public async Task KeepOpenAsync(TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(keepAlive, cancellationToken);
                if (Environment.TickCount64 - _queue.LastSentAt >= keepAlive.TotalMilliseconds)
                {
                    Send(KeepAlive);
                }
            }
        }
        finally
        {
            // The response ends with this request: nothing may be written to it after.
            _queue.Close();
        }
    }

    private void Send(byte[] frame)
    {
        var queuedBytes = _queue.Enqueue(frame, frame.Length);
        if (queuedBytes > _limits.MaxQueuedBytes)
        {
            StreamLog.SlowReaderDisconnected(_limits.Logger, _context.Connection.Id, queuedBytes);
            Abort();
        }
    }

    private async ValueTask WriteAsync(List<byte[]> frames, int bytes)
    {
        var body = _context.Response.Body;
        foreach (var frame in frames)
        {
            // Counted against the bound until written: a reader that does not read backs the queue up.
            await body.WriteAsync(frame);
        }

        await body.FlushAsync();
    }
}
