using System.Collections.Concurrent;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Alerts.Server.Hosting;
using Alerts.Server.Hubs;
using Alerts.Server.Hubs.Direct;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Fanout;

/// <summary>
/// Relays one edition's events to its subscribers (a SignalR group, and the connections
/// <see cref="DirectHub"/> serves) in seq order, with no gap. Everything that sends to the
/// subscribers or adds one holds <see cref="_gate"/>, and <see cref="_relayedSeq"/>
/// only moves under it: so a subscriber is sent its history exactly up to where the group's live
/// events begin, and a seq that arrives ahead of its predecessors is preceded by them from the log.
/// </summary>
internal sealed class EditionFeed(
    string edition,
    IAlertLog log,
    IHubContext<AlertsHub, ITickerClient> hub,
    int pageSize,
    TimeProvider time,
    AlertsMetrics metrics,
    FanoutRecorder recorder,
    ILogger<EditionFeed> logger)
{
    private const int TickerResetLines = 50;

    private readonly IHubContext<AlertsHub, ITickerClient> _hub = hub;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _group = $"edition:{edition}";
    private readonly ConcurrentDictionary<DirectConnection, byte> _direct = new();
    private long _relayedSeq;
    private int _subscribers;

    public string Edition => edition;

    /// <summary>The newest seq relayed to the group.</summary>
    public long RelayedSeq => Volatile.Read(ref _relayedSeq);

    /// <summary>Starts relaying after <paramref name="latestSeq"/>: what came before, no client of this node is waiting for.</summary>
    public void Start(long latestSeq)
    {
        Volatile.Write(ref _relayedSeq, latestSeq);
        FanoutLog.FeedStarted(logger, edition, latestSeq + 1);
        _started.TrySetResult();
    }

    /// <summary>An event from pub/sub: relayed, preceded by any seqs it skipped, or dropped as a duplicate.</summary>
    public async Task RelayAsync(StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (storedEvent.Seq <= _relayedSeq)
            {
                return;
            }

            if (storedEvent.Seq > _relayedSeq + 1)
            {
                FanoutLog.Backfilling(logger, edition, _relayedSeq + 1, storedEvent.Seq - 1, "seq jumped");
                await BackfillLockedAsync(storedEvent.Seq - 1, cancellationToken);
            }

            await SendLockedAsync(storedEvent);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Relays whatever the log has beyond what this node relayed (after a lost subscription or message).</summary>
    public async Task CatchUpAsync(long latestSeq, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (latestSeq > _relayedSeq)
            {
                FanoutLog.Backfilling(logger, edition, _relayedSeq + 1, latestSeq, "behind the log");
                await BackfillLockedAsync(latestSeq, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a SignalR connection the events after <paramref name="afterSeq"/>, then joins it to the live group.</summary>
    public Task AttachAsync(string connectionId, ITickerClient caller, long? afterSeq, CancellationToken cancellationToken) =>
        AttachAsync(caller, afterSeq, () => _hub.Groups.AddToGroupAsync(connectionId, _group, cancellationToken), cancellationToken);

    /// <summary>Sends a direct connection the events after <paramref name="afterSeq"/>, then adds it to the live subscribers.</summary>
    public Task AttachAsync(DirectConnection connection, long? afterSeq, CancellationToken cancellationToken) =>
        AttachAsync(connection, afterSeq, () =>
        {
            _direct.TryAdd(connection, 0);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task DetachAsync(string connectionId, CancellationToken cancellationToken) =>
        _hub.Groups.RemoveFromGroupAsync(connectionId, _group, cancellationToken);

    public void Detach(DirectConnection connection) => _direct.TryRemove(connection, out _);

    private async Task AttachAsync(ITickerClient caller, long? afterSeq, Func<Task> joinLocked, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        var sentSeq = afterSeq ?? 0;
        if (afterSeq is not null)
        {
            // The bulk of the history goes out without the gate, so one slow subscriber never holds up the group.
            sentSeq = await SendHistoryAsync(caller, sentSeq, RelayedSeq, cancellationToken);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (afterSeq is not null && sentSeq < _relayedSeq)
            {
                await SendHistoryAsync(caller, sentSeq, _relayedSeq, cancellationToken);
            }

            await joinLocked();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Counts connections subscribing (+1) or leaving (-1); the hubs know, the group does not say.</summary>
    public void SubscribersChanged(int change)
    {
        Interlocked.Add(ref _subscribers, change);
        metrics.Subscribed(edition, change);
    }

    /// <summary>Sends the caller the log's events in (<paramref name="afterSeq"/>, <paramref name="upToSeq"/>]; returns the seq it is now at.</summary>
    private async Task<long> SendHistoryAsync(ITickerClient caller, long afterSeq, long upToSeq, CancellationToken cancellationToken)
    {
        if (afterSeq > upToSeq)
        {
            // Ahead of this node: either the node lags a moment, or the client saw seqs the log no
            // longer has (restored from an older backup), and would drop every new event as a duplicate.
            var latestSeq = (await log.ReadAsync(edition, afterSeq, 1, cancellationToken)).LatestSeq;
            return afterSeq > latestSeq ? await ResetAsync(caller, latestSeq, cancellationToken) : afterSeq;
        }

        while (afterSeq < upToSeq)
        {
            var page = await log.ReadAsync(edition, afterSeq, pageSize, cancellationToken);
            if (page.IsGapAfter(afterSeq))
            {
                return await ResetAsync(caller, page.LatestSeq, cancellationToken);
            }

            foreach (var storedEvent in page.Events.TakeWhile(e => e.Seq <= upToSeq))
            {
                await caller.Alert(Parse(storedEvent));
                afterSeq = storedEvent.Seq;
            }

            if (page.Events.Count < pageSize)
            {
                break;
            }
        }

        return afterSeq;
    }

    /// <summary>Sends the whole ticker instead of events (to one caller or the group); they continue after <paramref name="latestSeq"/>.</summary>
    private async Task<long> ResetAsync(ITickerClient clients, long latestSeq, CancellationToken cancellationToken)
    {
        var ticker = await log.ReadTickerAsync(edition, time.GetUtcNow(), TickerResetLines, cancellationToken);
        await clients.Reset(new TickerReset(edition, latestSeq, ticker));
        return latestSeq;
    }

    private async Task BackfillLockedAsync(long upToSeq, CancellationToken cancellationToken)
    {
        while (_relayedSeq < upToSeq)
        {
            var page = await log.ReadAsync(edition, _relayedSeq, pageSize, cancellationToken);
            if (page.IsGapAfter(_relayedSeq))
            {
                // Only a node stalled for longer than retention gets here; its subscribers need the whole ticker.
                FanoutLog.FellBehindRetention(logger, edition, _relayedSeq + 1, page.OldestSeq - 1);
                Volatile.Write(ref _relayedSeq, await ResetAsync(new Everyone(this), page.OldestSeq - 1, cancellationToken));
            }

            var relayed = false;
            foreach (var storedEvent in page.Events.TakeWhile(e => e.Seq <= upToSeq))
            {
                await SendLockedAsync(storedEvent);
                relayed = true;
            }

            if (!relayed)
            {
                break;
            }
        }
    }

    private async Task SendLockedAsync(StoredEvent storedEvent)
    {
        var alertEvent = Parse(storedEvent);
        using var activity = AlertsTracing.Source.StartActivity("alerts.hub.send");
        activity?.SetTag(AlertsTracing.Edition, edition).SetTag(AlertsTracing.Seq, storedEvent.Seq).SetTag(AlertsTracing.AlertId, alertEvent.Alert.Id)
            .SetTag("alerts.subscribers", Volatile.Read(ref _subscribers));
        await new Everyone(this).Alert(alertEvent);
        Volatile.Write(ref _relayedSeq, storedEvent.Seq);
        metrics.RelayedEvent(edition, time.GetUtcNow() - alertEvent.At);
        recorder.Record(edition, alertEvent.Alert.Id, Volatile.Read(ref _subscribers));
    }

    private static AlertEvent Parse(StoredEvent storedEvent) =>
        JsonSerializer.Deserialize<AlertEvent>(storedEvent.Json, AlertsJson.Options)!;

    /// <summary>
    /// Every subscriber of the edition: each direct connection gets the same record, encoded once, and
    /// is never waited for; the SignalR group's send completes when its connections have taken it.
    /// </summary>
    private readonly struct Everyone(EditionFeed feed) : ITickerClient
    {
        public Task Alert(AlertEvent alertEvent)
        {
            SendDirect(ITickerClient.AlertMethod, alertEvent);
            return feed._hub.Clients.Group(feed._group).Alert(alertEvent);
        }

        public Task Reset(TickerReset reset)
        {
            SendDirect(ITickerClient.ResetMethod, reset);
            return feed._hub.Clients.Group(feed._group).Reset(reset);
        }

        private void SendDirect<T>(string method, T argument)
        {
            if (feed._direct.IsEmpty)
            {
                return;
            }

            var record = HubFrames.Invocation(method, argument);
            foreach (var (connection, _) in feed._direct)
            {
                connection.Send(record);
            }
        }
    }
}
