using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>
/// One subscriber of the behaviour suite, over any <see cref="FeedTransport"/>: it subscribes, resumes
/// and unsubscribes as its transport does, and keeps every frame it received in arrival order.
/// </summary>
public abstract class FeedClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly List<FeedFrame> _frames = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<FeedFrame> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    public static async Task<FeedClient> ConnectAsync(FeedTransport transport, AlertsNode node) => transport switch
    {
        FeedTransport.DotnetNegotiated => await DotnetFeedClient.ConnectAsync(node, HubRoute.Negotiated),
        FeedTransport.DotnetDirect => await DotnetFeedClient.ConnectAsync(node, HubRoute.Direct),
        FeedTransport.DotnetMessagePack => await DotnetFeedClient.ConnectWithMessagePackAsync(node),
        FeedTransport.JsNegotiated => await NodeFeedClient.StartAsync("signalr-negotiated", node),
        FeedTransport.JsDirect => await NodeFeedClient.StartAsync("signalr-direct", node),
        FeedTransport.EventSource => await NodeFeedClient.StartAsync("eventsource", node),
        _ => throw new ArgumentOutOfRangeException(nameof(transport)),
    };

    /// <summary>
    /// Follows <paramref name="edition"/> after <paramref name="afterSeq"/>, or (null) from now: live
    /// only on a hub, from the ticker (a <c>reset</c>) on a stream, which has no other way to start.
    /// Returns once the node has the subscription.
    /// </summary>
    public abstract Task SubscribeAsync(string edition, long? afterSeq = null);

    /// <summary>Follows <paramref name="edition"/> after <paramref name="afterSeq"/> of <paramref name="epoch"/>: <c>Resume</c> on a hub, <c>Last-Event-ID</c> on a stream.</summary>
    public abstract Task ResumeAsync(string edition, long afterSeq, string epoch);

    /// <summary>Stops following <paramref name="edition"/>: <c>Unsubscribe</c> on a hub, closing the stream on a stream.</summary>
    public abstract Task UnsubscribeAsync(string edition);

    public abstract ValueTask DisposeAsync();

    /// <summary>The seqs of the edition's alerts, in arrival order, repeats included.</summary>
    public IReadOnlyList<long> AlertSeqs(string edition) => [.. Frames.Where(f => !f.IsReset && f.Edition == edition).Select(f => f.Seq)];

    public IReadOnlyList<FeedFrame> Resets(string edition) => [.. Frames.Where(f => f.IsReset && f.Edition == edition)];

    public Task WaitForAlertAsync(string edition, long seq) =>
        WaitUntilAsync(frames => frames.Any(f => !f.IsReset && f.Edition == edition && f.Seq >= seq), $"the alert {seq} of '{edition}'");

    public Task WaitForResetAsync(string edition) => WaitUntilAsync(frames => frames.Any(f => f.IsReset && f.Edition == edition), $"a reset of '{edition}'");

    public async Task WaitUntilAsync(Func<IReadOnlyList<FeedFrame>, bool> arrived, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!arrived(Frames))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"{what} did not arrive within {Timeout}; received: {string.Join(", ", Frames.Select(Describe))}. {Complaints}");
            }
        }
    }

    /// <summary>What the client said went wrong, if it says anything: shown when a wait times out.</summary>
    protected virtual string Complaints => "";

    protected void Receive(bool isReset, JsonElement data)
    {
        var frame = FeedFrame.Read(isReset, data);
        lock (_gate)
        {
            _frames.Add(frame);
        }

        _arrived.Release();
    }

    private static string Describe(FeedFrame frame) => $"{(frame.IsReset ? "reset" : "alert")} {frame.Edition}:{frame.Seq}";
}
