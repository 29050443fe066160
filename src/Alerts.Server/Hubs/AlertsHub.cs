using Alerts.Core.Editions;
using Alerts.Server.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs;

/// <summary>
/// The live hub at <c>/hubs/alerts</c>. Clients may only subscribe (or resume) and unsubscribe; nothing they send
/// reaches anyone else. Events come from the node's <see cref="EventRelay"/>, never from another client,
/// through the connection's own bounded queue (<see cref="NegotiatedConnection"/>).
/// </summary>
internal sealed class AlertsHub(EditionFeeds feeds, Taxonomy taxonomy, DrainingHubLifetimeManager connections) : Hub<ITickerClient>
{
    public const string Path = "/hubs/alerts";

    private const string EditionsItem = "editions";

    /// <summary>
    /// From now on this connection receives every event of <paramref name="edition"/> with seq above
    /// <paramref name="afterSeq"/>: the missed ones first, then live, in order; null means live only.
    /// A second call for the same edition moves the connection's position instead of adding a stream.
    /// </summary>
    public Task Subscribe(string edition, long? afterSeq) => AttachAsync(edition, afterSeq, null);

    /// <summary>
    /// <see cref="Subscribe"/> with a whole position: <paramref name="afterSeq"/> within
    /// <paramref name="epoch"/>, as the last event the client applied carried it. A position in
    /// another epoch than the log's is answered with <c>reset</c> (the ticker, its latest seq and
    /// epoch), then live events.
    /// </summary>
    public Task Resume(string edition, long afterSeq, string epoch) => AttachAsync(edition, afterSeq, epoch);

    private async Task AttachAsync(string edition, long? afterSeq, string? epoch)
    {
        var feed = Feed(edition);
        var connection = connections[Context.ConnectionId];
        try
        {
            await feed.AttachAsync(connection, afterSeq, epoch, Context.ConnectionAborted);
        }
        catch (SubscriptionRefusedException e)
        {
            // SignalR tells a client only a HubException's message.
            throw new HubException(e.Message);
        }

        // The history is queued, not yet written: it reaches the client before this call's completion, as on the direct hub.
        await connection.WhenSentAsync(Context.ConnectionAborted);
        if (Editions.Add(edition))
        {
            feed.SubscribersChanged(+1);
        }
    }

    public Task Unsubscribe(string edition)
    {
        var feed = Feed(edition);
        feed.Detach(connections[Context.ConnectionId]);
        if (Editions.Remove(edition))
        {
            feed.SubscribersChanged(-1);
        }

        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var connection = connections[Context.ConnectionId];
        foreach (var edition in Editions)
        {
            feeds[edition].Detach(connection);
            feeds[edition].SubscribersChanged(-1);
        }

        return Task.CompletedTask;
    }

    // A connection's hub methods run one at a time, so a plain set in its items is safe.
    private HashSet<string> Editions =>
        (HashSet<string>)(Context.Items.TryGetValue(EditionsItem, out var set) ? set! : Context.Items[EditionsItem] = new HashSet<string>(StringComparer.Ordinal));

    private EditionFeed Feed(string edition) => FeedOf(feeds, taxonomy, edition);

    /// <summary>The feed a client subscribes to, by name; also how <see cref="Direct.DirectHub"/>'s connections find it.</summary>
    internal static EditionFeed FeedOf(EditionFeeds feeds, Taxonomy taxonomy, string? edition) =>
        edition is not null && taxonomy.Editions.ContainsKey(edition)
            ? feeds[edition]
            : throw new HubException($"Unknown edition '{edition}'. Known: {string.Join(", ", taxonomy.Editions.Keys)}.");
}
