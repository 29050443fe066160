using Alerts.Core.Editions;
using Alerts.Server.Fanout;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Fanout.Feed;

/// <summary>
/// The one subscription service every transport uses, with a recording connection for a transport:
/// editions by name, one subscription per edition however often it is asked for, and everything
/// left when the connection ends.
/// </summary>
public sealed class LiveSubscriptionsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly FakeAlertLog _log = new();
    private readonly AlertsMetrics _metrics = new();
    private readonly EditionFeeds _feeds;
    private readonly LiveSubscriptions _subscriptions;

    public LiveSubscriptionsTests()
    {
        var taxonomy = new Taxonomy([new Edition(FakeAlertLog.Edition, "English", "en", TextDirection.Ltr, "BREAKING")], ["politics"], ["europe"]);
        _feeds = new EditionFeeds(taxonomy, _log, _log, Options.Create(new FanoutOptions()), TimeProvider.System, _metrics, new NoRecorder(), new UncountedRelayWork(), NullLoggerFactory.Instance);
        _subscriptions = new LiveSubscriptions(_feeds, taxonomy);
        _feeds[FakeAlertLog.Edition].Start(0, _log.Epoch);
    }

    [Fact]
    public async Task AnUnknownEditionIsRefusedByName()
    {
        var refused = await Assert.ThrowsAsync<SubscriptionRefusedException>(() => _subscriptions.SubscribeAsync(new RecordingSubscriber(), "xx", null, null, CancellationToken.None));

        Assert.Contains("'xx'", refused.Message, StringComparison.Ordinal);
        Assert.Throws<SubscriptionRefusedException>(() => _subscriptions.Unsubscribe(new RecordingSubscriber(), null));
    }

    [Fact]
    public async Task SubscribingAgainKeepsOneSubscriptionAndOneStream()
    {
        var subscriber = new RecordingSubscriber();

        for (var i = 0; i < 3; i++)
        {
            await _subscriptions.SubscribeAsync(subscriber, FakeAlertLog.Edition, null, null, CancellationToken.None).WaitAsync(Timeout);
        }

        await _feeds[FakeAlertLog.Edition].RelayAsync(_log.Append("Once"), CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal([FakeAlertLog.Edition], subscriber.Editions);
        Assert.Equal(1, _metrics.SubscriptionsByEdition[FakeAlertLog.Edition]);
        Assert.Equal([1L], subscriber.Seqs);
    }

    [Fact]
    public async Task AnEndedConnectionLeavesEveryEditionAndGetsNothingMore()
    {
        var subscriber = new RecordingSubscriber();
        await _subscriptions.SubscribeAsync(subscriber, FakeAlertLog.Edition, null, null, CancellationToken.None).WaitAsync(Timeout);

        _subscriptions.UnsubscribeAll(subscriber);
        _subscriptions.UnsubscribeAll(subscriber);
        await _feeds[FakeAlertLog.Edition].RelayAsync(_log.Append("After it left"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Empty(subscriber.Editions);
        Assert.Equal(0, _metrics.SubscriptionsByEdition[FakeAlertLog.Edition]);
        Assert.Empty(subscriber.Received);
    }

    private sealed class NoRecorder : IFanoutRecorder
    {
        public void Record(string edition, string alertId, int connections, int streams)
        {
        }
    }
}
