using Alerts.Core.Alerts;
using Alerts.Server.EventLog;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Fanout;

/// <summary>
/// The node's one Redis subscription: a channel per edition, each read by its own ordered queue
/// (StackExchange.Redis' <see cref="ChannelMessageQueue"/>), because a feed must see its edition's
/// events in publish order while editions need not wait for each other. Pub/sub loses messages
/// while the subscription is down, so the relay also compares the log's latest seqs with what it
/// relayed: at once when the subscription comes back, and every <see cref="FanoutOptions.ConsistencyCheckInterval"/>.
/// A latest seq below what a feed relayed means the log went backwards (a lossy failover, a restore): the feed moves to a new epoch.
/// </summary>
internal sealed class EventRelay(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    IAlertLog log,
    ILogEpochs epochs,
    EditionFeeds feeds,
    IRelayWork work,
    ILogAppendSignal appended,
    IOptions<FanoutOptions> options,
    ILogger<EventRelay> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _checkNow = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await SubscribeAsync(stoppingToken);
            var latest = await RetryAsync(log.ReadLatestSeqsAsync, stoppingToken);
            foreach (var feed in feeds.All)
            {
                feed.Start(latest[feed.Edition], await RetryAsync(token => epochs.ReadAsync(feed.Edition, token), stoppingToken));
            }

            await CheckLoopAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        var subscriber = redis.GetSubscriber();
        foreach (var feed in feeds.All)
        {
            var queue = await RetryAsync(_ => subscriber.SubscribeAsync(keys.Events(feed.Edition)), stoppingToken);
            queue.OnMessage(message => RelayAsync(feed, message.Message, stoppingToken));
        }
    }

    private async Task RelayAsync(EditionFeed feed, RedisValue message, CancellationToken stoppingToken)
    {
        var (parent, json) = RelayTrace.Split((string)message!);
        if (feed.HasRelayed(json))
        {
            // The consistency check relayed it from the log first: a copy, dropped before it is read.
            return;
        }

        if (!PublishedEvent.TryRead(json, feed.Edition, out var loggedEvent))
        {
            EventLogLog.MalformedMessageDropped(logger, feed.Edition, json.Length);
            return;
        }

        work.Parsed(feed.Edition, loggedEvent.Header.Seq);
        // Published after the append: the log has it.
        appended.Appended(feed.Edition);
        using var activity = AlertsTracing.Source.StartActivity("alerts.relay", System.Diagnostics.ActivityKind.Consumer, parent);
        activity?.SetTag(AlertsTracing.Edition, feed.Edition).SetTag(AlertsTracing.Seq, loggedEvent.Header.Seq);
        try
        {
            await feed.RelayAsync(loggedEvent, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            FanoutLog.RelayFailed(logger, feed.Edition, e);
        }
    }

    private async Task CheckLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _checkNow.WaitAsync(options.Value.ConsistencyCheckInterval, stoppingToken);
            try
            {
                // What was relayed before the read is in the log the read sees, unless the log went back.
                var relayed = feeds.All.ToDictionary(f => f.Edition, f => f.RelayedSeq, StringComparer.Ordinal);
                var latest = await log.ReadLatestSeqsAsync(stoppingToken);
                foreach (var feed in feeds.All.Where(f => latest[f.Edition] != relayed[f.Edition]))
                {
                    appended.Appended(feed.Edition);
                    await feed.CatchUpAsync(latest[feed.Edition], relayed[feed.Edition], stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever went wrong, the next round retries: a background service that throws stops the host.
                FanoutLog.ConsistencyCheckFailed(logger, e);
            }
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            FanoutLog.SubscriptionRestored(logger);
            WakeChecker();
        }
    }

    private void WakeChecker()
    {
        try
        {
            _checkNow.Release();
        }
        catch (SemaphoreFullException)
        {
            // A check is already due.
        }
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromMilliseconds(200); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks)))
        {
            try
            {
                return await action(stoppingToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                FanoutLog.SubscribeFailed(logger, e);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }
}
