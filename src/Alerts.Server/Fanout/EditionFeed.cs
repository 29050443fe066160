using System.Collections.Concurrent;
using System.Text;
using Alerts.Core.Alerts;
using Alerts.Server.EventLog;
using Alerts.Server.Hosting;

namespace Alerts.Server.Fanout;

/// <summary>
/// Relays one edition's events to its subscribers in seq order, with no gap. The relay and a
/// subscriber joining the live set hold <see cref="_gate"/>, and <see cref="_relayedSeq"/> only moves
/// under it, so a subscriber's history ends exactly where its live events begin. Nothing under the
/// gate waits for a client: live events are queued on each connection (<see cref="IFeedSubscriber"/>),
/// and history goes out at the client's pace before the gate is taken; the last few events before
/// the join come from <see cref="_recent"/>, queued without waiting.
/// A position is a seq within an epoch (<see cref="ILogEpochs"/>): when the log goes backwards (its
/// latest seq below what this node relayed, or a relayed seq arriving as a different event), the
/// feed moves the edition to a new epoch and resets every subscriber to the ticker, so no client
/// drops the reused seqs as duplicates.
/// </summary>
internal sealed class EditionFeed(
    string edition,
    IAlertLog log,
    ILogEpochs epochs,
    int pageSize,
    TimeProvider time,
    AlertsMetrics metrics,
    IFanoutRecorder recorder,
    IRelayWork work,
    ILogger<EditionFeed> logger)
{
    private const int TickerResetLines = 50;

    /// <summary>How many recent events the feed keeps, encoded, for every replay and to close a joining subscriber's history under the gate.</summary>
    internal const int RecentEvents = 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Each live subscriber with the position after which it has been sent every event.
    private readonly ConcurrentDictionary<IFeedSubscriber, FeedPosition> _live = new();
    // Subscribers whose history is being sent, each with the task that completes when it has joined (or failed to).
    private readonly ConcurrentDictionary<IFeedSubscriber, Task> _joining = new();
    private readonly RecentMessages _recent = new(RecentEvents);
    // Epochs this feed moved away from: their events may still arrive (appended before the move) and are relayed as usual.
    private readonly HashSet<string> _formerEpochs = new(StringComparer.Ordinal);
    private long _relayedSeq;
    private string _epoch = "";

    public string Edition => edition;

    /// <summary>The newest seq relayed to the subscribers.</summary>
    public long RelayedSeq => Volatile.Read(ref _relayedSeq);

    /// <summary>The epoch this node relays in; empty while the log has none.</summary>
    public string Epoch => Volatile.Read(ref _epoch);

    /// <summary>Starts relaying after <paramref name="latestSeq"/> of <paramref name="epoch"/>: what came before, no client of this node is waiting for.</summary>
    public void Start(long latestSeq, string epoch)
    {
        Volatile.Write(ref _relayedSeq, latestSeq);
        Volatile.Write(ref _epoch, epoch);
        FanoutLog.FeedStarted(logger, edition, latestSeq + 1);
        _started.TrySetResult();
    }

    /// <summary>An event from pub/sub: relayed, preceded by any seqs it skipped, or dropped as a duplicate.</summary>
    public async Task RelayAsync(LoggedEvent loggedEvent, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var header = loggedEvent.Header;
            if (header.Epoch is { } eventEpoch && eventEpoch != _epoch && !_formerEpochs.Contains(eventEpoch))
            {
                if (_epoch.Length == 0)
                {
                    // The log's first epoch, created by the append path after this node started.
                    Volatile.Write(ref _epoch, eventEpoch);
                }
                else
                {
                    // Another node saw the log go backwards and moved it on: this node's subscribers may hold reused seqs too.
                    FanoutLog.EpochMovedElsewhere(logger, edition, _epoch, eventEpoch);
                    ChangeEpochLocked(await epochs.ReadAsync(edition, cancellationToken));
                    await ResetEveryoneLockedAsync(cancellationToken);
                    return;
                }
            }

            if (header.Seq <= _relayedSeq)
            {
                if (_recent.Find(header.Seq) is { Header: { } relayed } && relayed.Identity != header.Identity)
                {
                    await RewindLockedAsync("a relayed seq arrived as a different event", cancellationToken);
                }

                return;
            }

            if (header.Seq > _relayedSeq + 1)
            {
                FanoutLog.Backfilling(logger, edition, _relayedSeq + 1, header.Seq - 1, "seq jumped");
                await BackfillLockedAsync(header.Seq - 1, cancellationToken);
            }

            RelayLocked(FeedMessage.Alert(loggedEvent, work));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Whether <paramref name="json"/> is, byte for byte, an event this feed relayed recently: pub/sub
    /// delivers what the consistency check already took from the log. Only its seq is read to know.
    /// </summary>
    public bool HasRelayed(string json) =>
        PublishedEvent.TryReadSeq(json, out var seq) && seq <= RelayedSeq
        && _recent.Find(seq) is { IsReset: false } relayed && relayed.Json.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// Relays whatever the log has beyond what this node relayed (after a lost subscription or
    /// message), or moves to a new epoch when the log's <paramref name="latestSeq"/> is below
    /// <paramref name="relayedBeforeRead"/>, what this node had relayed before it read the log.
    /// </summary>
    public async Task CatchUpAsync(long latestSeq, long relayedBeforeRead, CancellationToken cancellationToken)
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
            else if (latestSeq < relayedBeforeRead)
            {
                await RewindLockedAsync($"the log's latest seq is {latestSeq}", cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Queues for <paramref name="subscriber"/> the events after <paramref name="afterSeq"/> (none when
    /// null), then adds it to the live subscribers. A subscriber already live is repositioned: it
    /// leaves the live set first, so it never follows the edition twice; one that already has every
    /// event after the position it asks for (a repeated <c>Subscribe</c>) stays as it is, so a message of
    /// many calls costs no more history than one. A position in another <paramref name="epoch"/> than
    /// the log's is answered with the ticker (<c>reset</c>).
    /// </summary>
    public async Task AttachAsync(IFeedSubscriber subscriber, long? afterSeq, string? epoch, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        // One attach per subscriber at a time: a repeated Subscribe while history streams waits for it, then finds itself covered.
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (!_joining.TryAdd(subscriber, joined.Task))
        {
            if (_joining.TryGetValue(subscriber, out var other))
            {
                await other.WaitAsync(cancellationToken);
            }
        }

        try
        {
            await JoinAsync(subscriber, afterSeq, epoch, cancellationToken);
        }
        finally
        {
            _joining.TryRemove(subscriber, out _);
            joined.TrySetResult();
        }
    }

    private async Task JoinAsync(IFeedSubscriber subscriber, long? afterSeq, string? epoch, CancellationToken cancellationToken)
    {
        if (_live.TryGetValue(subscriber, out var held) && held.Covers(afterSeq, epoch ?? Epoch, Epoch, RelayedSeq))
        {
            return;
        }

        _live.TryRemove(subscriber, out _);
        var history = HistoryEnd.LiveOnly;
        if (afterSeq is not null)
        {
            history = epoch is not null && epoch != Epoch
                ? await ResetAsync(subscriber, cancellationToken)
                : await StartHistoryAsync(subscriber, afterSeq.Value, cancellationToken);
        }

        while (true)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (TryJoinLocked(subscriber, history))
                {
                    return;
                }
            }
            finally
            {
                _gate.Release();
            }

            // The relay moved on past the recent events while the history went out: more history, at the client's pace.
            history = history.Then(await SendHistoryAsync(subscriber, history.Position, RelayedSeq, cancellationToken));
        }
    }

    public void Detach(IFeedSubscriber subscriber) => _live.TryRemove(subscriber, out _);

    /// <summary>Counts connections subscribing (+1) or leaving (-1), for the metrics.</summary>
    public void SubscribersChanged(int change) => metrics.Subscribed(edition, change);

    /// <summary>
    /// Where the subscriber's history starts: its own seq, or (when it asks for more than its budget,
    /// or is ahead of the log) the seq the ticker it is sent instead continues after.
    /// </summary>
    private async Task<HistoryEnd> StartHistoryAsync(IFeedSubscriber subscriber, long afterSeq, CancellationToken cancellationToken)
    {
        var relayedSeq = RelayedSeq;
        if (afterSeq > relayedSeq)
        {
            // Ahead of this node: either the node lags a moment, or the client saw seqs the log no
            // longer has (restored from an older backup), and would drop every new event as a duplicate.
            var latestSeq = (await log.ReadAsync(edition, afterSeq, 1, cancellationToken)).LatestSeq;
            return afterSeq > latestSeq ? await ResetAsync(subscriber, cancellationToken) : new HistoryEnd(afterSeq, afterSeq);
        }

        if (!subscriber.ReplayBudget.TryTake((int)Math.Min(int.MaxValue, relayedSeq - afterSeq)))
        {
            return await ResetAsync(subscriber, cancellationToken);
        }

        return new HistoryEnd(afterSeq, afterSeq).Then(await SendHistoryAsync(subscriber, afterSeq, relayedSeq, cancellationToken));
    }

    /// <summary>Queues the recent events after the history's position and joins the live set, if the recent events reach back that far.</summary>
    private bool TryJoinLocked(IFeedSubscriber subscriber, HistoryEnd history)
    {
        var position = history.Position;
        if (position < _relayedSeq)
        {
            if (_relayedSeq - position > _recent.Capacity)
            {
                return false;
            }

            var closing = new List<FeedMessage>((int)(_relayedSeq - position));
            for (var seq = position + 1; seq <= _relayedSeq; seq++)
            {
                if (_recent.Find(seq) is not { } message)
                {
                    return false;
                }

                closing.Add(message);
            }

            subscriber.ReplayBudget.Take(closing.Count);
            foreach (var message in closing)
            {
                subscriber.Send(message);
            }
        }

        // Live only: everything after the seq it joins at.
        _live[subscriber] = new FeedPosition(Math.Min(history.CoveredAfter ?? _relayedSeq, _relayedSeq), _epoch);
        return true;
    }

    /// <summary>Sends the subscriber the log's events in (<paramref name="afterSeq"/>, <paramref name="upToSeq"/>] at its pace; returns the seq it is now at.</summary>
    private async Task<HistoryEnd> SendHistoryAsync(IFeedSubscriber subscriber, long afterSeq, long upToSeq, CancellationToken cancellationToken)
    {
        while (afterSeq < upToSeq)
        {
            // The log is read for what it still holds (retention decides, as for /events), but an event
            // in memory goes out as the relay (or an earlier replay) encoded it, not read again.
            var generation = _recent.Generation;
            var page = await log.ReadAsync(edition, afterSeq, pageSize, cancellationToken);
            if (page.IsGapAfter(afterSeq))
            {
                return await ResetAsync(subscriber, cancellationToken);
            }

            foreach (var storedEvent in page.Events.TakeWhile(e => e.Seq <= upToSeq))
            {
                var message = _recent.Find(storedEvent.Seq) ?? Remember(FeedMessage.Alert(Read(storedEvent), work), generation);
                subscriber.Send(message);
                afterSeq = storedEvent.Seq;
                await subscriber.WhenReadyForHistoryAsync(cancellationToken);
            }

            if (page.Events.Count < pageSize)
            {
                break;
            }
        }

        return new HistoryEnd(afterSeq, null);
    }

    /// <summary>Sends one subscriber the whole ticker instead of events; its events continue after the seq returned.</summary>
    private async Task<HistoryEnd> ResetAsync(IFeedSubscriber subscriber, CancellationToken cancellationToken)
    {
        var reset = FeedMessage.Reset(await ReadTickerAsync(cancellationToken), work);
        if (!subscriber.ReplayBudget.TryTake(reset.Events))
        {
            FanoutLog.ReplayBudgetSpent(logger, edition);
            subscriber.Abort();
            throw new SubscriptionRefusedException("This connection asked for more history than it may; reconnect and resume.");
        }

        subscriber.Send(reset);
        return new HistoryEnd(reset.Seq, reset.Seq);
    }

    private async Task<TickerReset> ReadTickerAsync(CancellationToken cancellationToken)
    {
        // The seq before the ticker: a line published in between is on the ticker and then arrives as an event, which a ticker applies twice harmlessly.
        var latestSeq = (await log.ReadAsync(edition, long.MaxValue - 1, 1, cancellationToken)).LatestSeq;
        var ticker = await log.ReadTickerAsync(edition, time.GetUtcNow(), TickerResetLines, cancellationToken);
        return new TickerReset(edition, latestSeq, ticker, Epoch);
    }

    /// <summary>The log went backwards: moves the edition to a new epoch (or adopts the one another node moved it to) and resets every subscriber.</summary>
    private async Task RewindLockedAsync(string reason, CancellationToken cancellationToken)
    {
        FanoutLog.LogWentBack(logger, edition, _relayedSeq, _epoch, reason);
        ChangeEpochLocked(await epochs.MoveOnAsync(edition, _epoch, cancellationToken));
        await ResetEveryoneLockedAsync(cancellationToken);
    }

    private void ChangeEpochLocked(string epoch)
    {
        if (epoch != _epoch)
        {
            _formerEpochs.Add(_epoch);
            Volatile.Write(ref _epoch, epoch);
        }
    }

    /// <summary>Every subscriber gets the ticker as the log has it now; live events continue after its latest seq.</summary>
    private async Task ResetEveryoneLockedAsync(CancellationToken cancellationToken) =>
        ResetEveryoneLocked(await ReadTickerAsync(cancellationToken));

    private async Task BackfillLockedAsync(long upToSeq, CancellationToken cancellationToken)
    {
        while (_relayedSeq < upToSeq)
        {
            var page = await log.ReadAsync(edition, _relayedSeq, pageSize, cancellationToken);
            if (page.IsGapAfter(_relayedSeq))
            {
                // Only a node stalled for longer than retention gets here; its subscribers need the whole ticker.
                FanoutLog.FellBehindRetention(logger, edition, _relayedSeq + 1, page.OldestSeq - 1);
                var ticker = await log.ReadTickerAsync(edition, time.GetUtcNow(), TickerResetLines, cancellationToken);
                ResetEveryoneLocked(new TickerReset(edition, page.OldestSeq - 1, ticker, Epoch));
            }

            var relayed = false;
            foreach (var storedEvent in page.Events.TakeWhile(e => e.Seq <= upToSeq))
            {
                RelayLocked(_recent.Find(storedEvent.Seq) ?? FeedMessage.Alert(Read(storedEvent), work));
                relayed = true;
            }

            if (!relayed)
            {
                break;
            }
        }
    }

    private void ResetEveryoneLocked(TickerReset reset)
    {
        var message = FeedMessage.Reset(reset, work);
        foreach (var (subscriber, _) in _live)
        {
            subscriber.Send(message);
            _live[subscriber] = new FeedPosition(reset.LatestSeq, _epoch);
        }

        // A subscriber joining later needs the ticker too: its history cannot be closed from before the reset.
        _recent.Clear();
        Volatile.Write(ref _relayedSeq, reset.LatestSeq);
    }

    private void RelayLocked(FeedMessage message)
    {
        var header = message.Header!;
        using var activity = AlertsTracing.Source.StartActivity("alerts.hub.send");
        activity?.SetTag(AlertsTracing.Edition, edition).SetTag(AlertsTracing.Seq, header.Seq).SetTag(AlertsTracing.AlertId, header.AlertId);
        var (sentTo, streams) = (0, 0);
        foreach (var (subscriber, _) in _live)
        {
            subscriber.Send(message);
            if (subscriber.Transport == FeedTransport.EventStream)
            {
                streams++;
            }
            else
            {
                sentTo++;
            }
        }

        if (header.Type == AlertEventType.Retracted)
        {
            // The log rewrote the alert's earlier events without its content: replays must read them again.
            _recent.Forget(header.AlertId);
        }

        _recent.Add(message, _recent.Generation);
        Volatile.Write(ref _relayedSeq, header.Seq);
        metrics.RelayedEvent(edition, time.GetUtcNow() - header.At);
        recorder.Record(edition, header.AlertId, sentTo, streams);
        activity?.SetTag("alerts.subscribers", sentTo + streams);
    }

    /// <summary>Keeps a message read from the log for the replays after this one, unless the log changed since it was read.</summary>
    private FeedMessage Remember(FeedMessage message, long generation)
    {
        _recent.Add(message, generation);
        return message;
    }

    /// <summary>Reads an event of the log: its header once; its JSON is carried as it is.</summary>
    private LoggedEvent Read(StoredEvent storedEvent)
    {
        if (!PublishedEvent.TryRead(storedEvent.Json, edition, out var loggedEvent))
        {
            throw new InvalidDataException($"Event {storedEvent.Seq} of {edition} in the log is not in the log's shape.");
        }

        work.Parsed(edition, storedEvent.Seq);
        return loggedEvent;
    }
}
