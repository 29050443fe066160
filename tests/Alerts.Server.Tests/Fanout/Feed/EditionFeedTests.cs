using Alerts.Server.Fanout;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Server.Tests.Fanout.Feed;

/// <summary>
/// <see cref="EditionFeed"/> on its own, with an in-memory log and recording connections: the
/// ordering guarantee (every seq once, in order, history then live) and that no subscriber's
/// history or slowness ever holds the relay.
/// </summary>
public sealed class EditionFeedTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly FakeAlertLog _log = new();
    private readonly EditionFeed _feed;

    public EditionFeedTests()
    {
        _feed = new EditionFeed(FakeAlertLog.Edition, _log, _log, pageSize: 10, TimeProvider.System, new AlertsMetrics(), new NoRecorder(), new UncountedRelayWork(), NullLogger<EditionFeed>.Instance);
    }

    [Fact]
    public async Task ALiveSubscriberGetsEachRelayedEventOnceInOrder()
    {
        _feed.Start(0, _log.Epoch);
        var subscriber = new RecordingSubscriber();
        await _feed.AttachAsync(subscriber, null, null, CancellationToken.None).WaitAsync(Timeout);

        for (var i = 1; i <= 3; i++)
        {
            var stored = _log.Append($"Line {i}");
            await _feed.RelayAsync(stored, CancellationToken.None).WaitAsync(Timeout);
            await _feed.RelayAsync(stored, CancellationToken.None).WaitAsync(Timeout);
        }

        Assert.Equal([1L, 2L, 3L], subscriber.Seqs);
    }

    [Fact]
    public async Task ASeqJumpIsFilledFromTheLogBeforeTheEventThatJumped()
    {
        _feed.Start(0, _log.Epoch);
        var subscriber = new RecordingSubscriber();
        await _feed.AttachAsync(subscriber, null, null, CancellationToken.None).WaitAsync(Timeout);
        await _feed.RelayAsync(_log.Append("One"), CancellationToken.None).WaitAsync(Timeout);

        _log.Append("Two, lost on pub/sub");
        _log.Append("Three, lost on pub/sub");
        await _feed.RelayAsync(_log.Append("Four"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([1L, 2L, 3L, 4L], subscriber.Seqs);
        Assert.Equal(4, _feed.RelayedSeq);
    }

    [Fact]
    public async Task ARetentionGapBehindTheRelayResetsEverySubscriberThenContinues()
    {
        _feed.Start(0, _log.Epoch);
        var subscriber = new RecordingSubscriber();
        await _feed.AttachAsync(subscriber, null, null, CancellationToken.None).WaitAsync(Timeout);
        for (var i = 1; i <= 20; i++)
        {
            _log.Append($"Line {i}");
        }

        _log.DropUpTo(15);
        await _feed.RelayAsync(_log.Append("Line 21"), CancellationToken.None).WaitAsync(Timeout);

        var reset = Assert.Single(subscriber.Resets);
        Assert.Equal(15, reset.Seq);
        Assert.Equal(reset, subscriber.Received[0]);
        Assert.Equal([16L, 17L, 18L, 19L, 20L, 21L], subscriber.Seqs);
    }

    [Fact]
    public async Task ASubscriberWhoseSeqLeftRetentionGetsTheTickerThenLiveEvents()
    {
        for (var i = 1; i <= 30; i++)
        {
            _log.Append($"Line {i}");
        }

        _feed.Start(30, _log.Epoch);
        _log.DropUpTo(20);
        var subscriber = new RecordingSubscriber();

        await _feed.AttachAsync(subscriber, 5, null, CancellationToken.None).WaitAsync(Timeout);
        await _feed.RelayAsync(_log.Append("Live"), CancellationToken.None).WaitAsync(Timeout);

        var reset = Assert.Single(subscriber.Resets);
        Assert.Equal(30, reset.Seq);
        Assert.Equal("Line 30", RecordingSubscriber.Argument(reset).GetProperty("ticker")[0].GetProperty("headline").GetString());
        Assert.Equal([31L], subscriber.Seqs);
    }

    [Fact]
    public async Task ASubscriberAttachingWhileTheFeedRelaysGetsEverySeqOnceInOrder()
    {
        for (var i = 1; i <= 100; i++)
        {
            _log.Append($"Earlier {i}");
        }

        _feed.Start(100, _log.Epoch);
        var relaying = Task.Run(async () =>
        {
            for (var i = 1; i <= 300; i++)
            {
                await _feed.RelayAsync(_log.Append($"Live {i}"), CancellationToken.None);
                if (i % 20 == 0)
                {
                    await Task.Yield();
                }
            }
        });
        var subscribers = Enumerable.Range(0, 8).Select(_ => new RecordingSubscriber()).ToList();

        await Task.WhenAll(subscribers.Select((s, i) => Task.Run(() => _feed.AttachAsync(s, i * 10, null, CancellationToken.None)))).WaitAsync(Timeout);
        await relaying.WaitAsync(Timeout);

        for (var i = 0; i < subscribers.Count; i++)
        {
            Assert.Equal(Enumerable.Range(i * 10 + 1, 400 - (i * 10)).Select(s => (long)s), subscribers[i].Seqs);
        }
    }

    [Fact]
    public async Task HistoryThatStallsNeverHoldsTheRelayAndEndsWhereLiveEventsBegin()
    {
        for (var i = 1; i <= 50; i++)
        {
            _log.Append($"Earlier {i}");
        }

        _feed.Start(50, _log.Epoch);
        var reader = new RecordingSubscriber();
        await _feed.AttachAsync(reader, null, null, CancellationToken.None).WaitAsync(Timeout);
        var slow = new RecordingSubscriber();
        slow.Stall();

        var attaching = _feed.AttachAsync(slow, 0, null, CancellationToken.None);
        for (var i = 1; i <= 5; i++)
        {
            // Each relay completes at once, while the slow subscriber's history waits for it.
            await _feed.RelayAsync(_log.Append($"Live {i}"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        }

        Assert.False(attaching.IsCompleted);
        Assert.Equal([51L, 52L, 53L, 54L, 55L], reader.Seqs);
        slow.Resume();
        await attaching.WaitAsync(Timeout);
        await _feed.RelayAsync(_log.Append("After the history"), CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(1, 56).Select(s => (long)s), slow.Seqs);
    }

    [Fact]
    public async Task ARepeatedSubscribeWhileTheHistoryStreamsDoesNotRestartIt()
    {
        for (var i = 1; i <= 30; i++)
        {
            _log.Append($"Earlier {i}");
        }

        _feed.Start(30, _log.Epoch);
        var subscriber = new RecordingSubscriber();
        subscriber.Stall();
        var first = _feed.AttachAsync(subscriber, 0, null, CancellationToken.None);
        await subscriber.WaitForSeqAsync(1, Timeout);

        var repeated = Enumerable.Range(0, 5).Select(_ => _feed.AttachAsync(subscriber, 0, null, CancellationToken.None)).ToList();
        subscriber.Resume();
        await Task.WhenAll([first, .. repeated]).WaitAsync(Timeout);
        await _feed.RelayAsync(_log.Append("Live"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(1, 31).Select(s => (long)s), subscriber.Seqs);
    }

    [Fact]
    public async Task HistoryReadSlowlyFromTheLogIsClosedUnderTheGateFromTheRecentEvents()
    {
        for (var i = 1; i <= 20; i++)
        {
            _log.Append($"Earlier {i}");
        }

        _feed.Start(20, _log.Epoch);
        var subscriber = new RecordingSubscriber();
        _log.HoldReads();
        var attaching = _feed.AttachAsync(subscriber, 0, null, CancellationToken.None);
        for (var i = 1; i <= 30; i++)
        {
            await _feed.RelayAsync(_log.Append($"Live {i}"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        }

        var readsBefore = _log.Reads;
        _log.ReleaseReads();
        await attaching.WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(1, 50).Select(s => (long)s), subscriber.Seqs);
        // History up to seq 20 came from the log, the 30 relayed meanwhile from the feed's recent events.
        Assert.InRange(_log.Reads - readsBefore, 0, 3);
    }

    [Fact]
    public async Task ARepeatedSubscribeRepositionsInsteadOfAddingAStreamAndReplaysNothingTheConnectionHas()
    {
        for (var i = 1; i <= 10; i++)
        {
            _log.Append($"Earlier {i}");
        }

        _feed.Start(10, _log.Epoch);
        var subscriber = new RecordingSubscriber();

        await _feed.AttachAsync(subscriber, 8, null, CancellationToken.None).WaitAsync(Timeout);
        // It has every event after 8, so after 9 too, and is live: nothing to send.
        await _feed.AttachAsync(subscriber, null, null, CancellationToken.None).WaitAsync(Timeout);
        await _feed.AttachAsync(subscriber, 9, null, CancellationToken.None).WaitAsync(Timeout);
        await _feed.AttachAsync(subscriber, 8, _log.Epoch, CancellationToken.None).WaitAsync(Timeout);
        // Further back than it has: the history again, from there.
        await _feed.AttachAsync(subscriber, 7, null, CancellationToken.None).WaitAsync(Timeout);
        await _feed.RelayAsync(_log.Append("Live"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([9L, 10L, 8L, 9L, 10L, 11L], subscriber.Seqs);
    }

    [Fact]
    public async Task HistoryBeyondTheReplayBudgetIsTheTickerAndASpentBudgetDisconnects()
    {
        for (var i = 1; i <= 200; i++)
        {
            _log.Append($"Line {i}");
        }

        _feed.Start(200, _log.Epoch);
        var subscriber = new RecordingSubscriber(replayEventsPerMinute: 160);

        await _feed.AttachAsync(subscriber, 100, null, CancellationToken.None).WaitAsync(Timeout);
        await _feed.AttachAsync(subscriber, 0, null, CancellationToken.None).WaitAsync(Timeout);
        var spent = await Assert.ThrowsAsync<SubscriptionRefusedException>(() => _feed.AttachAsync(subscriber, 0, null, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(Enumerable.Range(101, 100).Select(s => (long)s), subscriber.Seqs);
        var reset = Assert.Single(subscriber.Resets);
        Assert.Equal(200, reset.Seq);
        Assert.True(subscriber.Aborted);
        Assert.Contains("history", spent.Message);
    }

    [Fact]
    public async Task ALatestSeqBelowWhatWasRelayedMovesToANewEpochAndResetsEverySubscriber()
    {
        var subscriber = await LiveSubscriberAfterFiveLinesAsync();

        var before = _feed.Epoch;
        _log.Rewind(3);
        await _feed.CatchUpAsync(2, relayedBeforeRead: 5, CancellationToken.None).WaitAsync(Timeout);
        await _feed.RelayAsync(_log.Append("After the rewind"), CancellationToken.None).WaitAsync(Timeout);

        Assert.NotEqual(before, _feed.Epoch);
        Assert.Equal(_log.Epoch, _feed.Epoch);
        var reset = Assert.Single(subscriber.Resets);
        Assert.Equal(2, reset.Seq);
        Assert.Equal(_feed.Epoch, RecordingSubscriber.Argument(reset).GetProperty("epoch").GetString());
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 3L], subscriber.Seqs);
    }

    [Fact]
    public async Task ALatestSeqReadBeforeTheLastRelaysIsNoRewind()
    {
        var subscriber = await LiveSubscriberAfterFiveLinesAsync();

        var epoch = _feed.Epoch;
        await _feed.CatchUpAsync(3, relayedBeforeRead: 3, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(epoch, _feed.Epoch);
        Assert.Empty(subscriber.Resets);
        Assert.Equal(5, _feed.RelayedSeq);
    }

    [Fact]
    public async Task ACheckThatReadTheLogBeforeTheRelaySawTheRewindDoesNotMoveTheEpochAgain()
    {
        var subscriber = await LiveSubscriberAfterFiveLinesAsync();

        _log.Rewind(3);
        await _feed.RelayAsync(_log.Append("Reuses seq 3"), CancellationToken.None).WaitAsync(Timeout);
        var moved = _feed.Epoch;
        // The check took its snapshot (5) before the relay saw the rewind, and read the log's 3 after.
        await _feed.CatchUpAsync(3, relayedBeforeRead: 5, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(moved, _feed.Epoch);
        Assert.Single(subscriber.Resets);
    }

    [Fact]
    public async Task ARelayedSeqArrivingAsADifferentEventMovesToANewEpochAndResetsWithIt()
    {
        var subscriber = await LiveSubscriberAfterFiveLinesAsync();

        _log.Rewind(3);
        await _feed.RelayAsync(_log.Append("Reuses seq 3"), CancellationToken.None).WaitAsync(Timeout);

        var reset = Assert.Single(subscriber.Resets);
        Assert.Equal(3, reset.Seq);
        Assert.Equal("Reuses seq 3", RecordingSubscriber.Argument(reset).GetProperty("ticker")[0].GetProperty("headline").GetString());
        Assert.Equal(_log.Epoch, _feed.Epoch);
        await _feed.RelayAsync(_log.Append("Seq 4 of the new epoch"), CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 4L], subscriber.Seqs);
    }

    [Fact]
    public async Task AnEventOfAnEpochMovedByAnotherNodeResetsThisNodesSubscribers()
    {
        var subscriber = await LiveSubscriberAfterFiveLinesAsync();

        _log.Rewind(3);
        await _log.MoveOnAsync(FakeAlertLog.Edition, _log.Epoch, CancellationToken.None);
        _log.Append("Seq 3 of the new epoch");
        await _feed.RelayAsync(_log.Append("Seq 4 of the new epoch"), CancellationToken.None).WaitAsync(Timeout);

        var reset = Assert.Single(subscriber.Resets);
        Assert.Equal(4, reset.Seq);
        Assert.Equal(_log.Epoch, _feed.Epoch);
    }

    [Fact]
    public async Task AResumeFromAnotherEpochGetsTheTickerThenLiveEvents()
    {
        for (var i = 1; i <= 5; i++)
        {
            _log.Append($"Line {i}");
        }

        _feed.Start(5, _log.Epoch);
        var sameEpoch = new RecordingSubscriber();
        var otherEpoch = new RecordingSubscriber();

        await _feed.AttachAsync(sameEpoch, 3, _log.Epoch, CancellationToken.None).WaitAsync(Timeout);
        await _feed.AttachAsync(otherEpoch, 3, "an-old-epoch", CancellationToken.None).WaitAsync(Timeout);
        await _feed.RelayAsync(_log.Append("Live"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([4L, 5L, 6L], sameEpoch.Seqs);
        Assert.Empty(sameEpoch.Resets);
        var reset = Assert.Single(otherEpoch.Resets);
        Assert.Equal(5, reset.Seq);
        Assert.Equal([6L], otherEpoch.Seqs);
    }

    private sealed class NoRecorder : IFanoutRecorder
    {
        public void Record(string edition, string alertId, int connections, int streams)
        {
        }
    }

    /// <summary>A started feed that relayed lines 1 to 5 to the subscriber returned, attached live before them.</summary>
    private async Task<RecordingSubscriber> LiveSubscriberAfterFiveLinesAsync()
    {
        _feed.Start(0, _log.Epoch);
        var subscriber = new RecordingSubscriber();
        await _feed.AttachAsync(subscriber, null, null, CancellationToken.None).WaitAsync(Timeout);
        for (var i = 1; i <= 5; i++)
        {
            await _feed.RelayAsync(_log.Append($"Line {i}"), CancellationToken.None).WaitAsync(Timeout);
        }

        return subscriber;
    }
}
