using Alerts.Core.Editions;

namespace Alerts.Server.Fanout;

/// <summary>
/// Subscribe, Resume and Unsubscribe, once for every transport (the direct WebSocket hub, SignalR's
/// connections, the event stream): which feed an edition is, the connection's editions, and the
/// subscription counts. What a subscription sends (history, the replay budget, the move-not-add rule)
/// is <see cref="EditionFeed.AttachAsync"/>'s; how it is framed and written is the transport's.
/// </summary>
internal sealed class LiveSubscriptions(EditionFeeds feeds, Taxonomy taxonomy)
{
    /// <summary>
    /// From now on <paramref name="subscriber"/> gets every event of <paramref name="edition"/> after
    /// <paramref name="afterSeq"/> (null: live only) of <paramref name="epoch"/> (null: whatever the
    /// log's is), history first; a second call for the edition moves its one position.
    /// </summary>
    public async Task SubscribeAsync(IFeedSubscriber subscriber, string? edition, long? afterSeq, string? epoch, CancellationToken cancellationToken)
    {
        var feed = FeedOf(edition);
        await feed.AttachAsync(subscriber, afterSeq, epoch, cancellationToken);
        if (!subscriber.Editions.Contains(feed.Edition))
        {
            subscriber.Editions = [.. subscriber.Editions, feed.Edition];
            feed.SubscribersChanged(+1);
        }
    }

    public void Unsubscribe(IFeedSubscriber subscriber, string? edition)
    {
        var feed = FeedOf(edition);
        feed.Detach(subscriber);
        if (subscriber.Editions.Contains(feed.Edition))
        {
            subscriber.Editions = [.. subscriber.Editions.Where(other => other != feed.Edition)];
            feed.SubscribersChanged(-1);
        }
    }

    /// <summary>The connection ended: it leaves every edition it followed.</summary>
    public void UnsubscribeAll(IFeedSubscriber subscriber)
    {
        foreach (var edition in subscriber.Editions)
        {
            feeds[edition].Detach(subscriber);
            feeds[edition].SubscribersChanged(-1);
        }

        subscriber.Editions = [];
    }

    /// <summary>Whether <paramref name="edition"/> is one a client may subscribe to.</summary>
    public bool IsKnown(string? edition) => edition is not null && taxonomy.Editions.ContainsKey(edition);

    private EditionFeed FeedOf(string? edition) =>
        IsKnown(edition)
            ? feeds[edition!]
            : throw new SubscriptionRefusedException($"Unknown edition '{edition}'. Known: {string.Join(", ", taxonomy.Editions.Keys)}.");
}
