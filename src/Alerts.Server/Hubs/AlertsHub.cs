using Alerts.Core.Editions;
using Alerts.Server.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs;

/// <summary>
/// The live hub at <c>/hubs/alerts</c>. Clients may only subscribe and unsubscribe; nothing they send
/// reaches anyone else. Events come from the node's <see cref="EventRelay"/>, never from another client.
/// </summary>
internal sealed class AlertsHub(EditionFeeds feeds, Taxonomy taxonomy) : Hub<ITickerClient>
{
    public const string Path = "/hubs/alerts";

    private const string EditionsItem = "editions";

    /// <summary>
    /// From now on this connection receives every event of <paramref name="edition"/> with seq above
    /// <paramref name="afterSeq"/>: the missed ones first, then live, in order; null means live only.
    /// </summary>
    public async Task Subscribe(string edition, long? afterSeq)
    {
        await Feed(edition).AttachAsync(Context.ConnectionId, Clients.Caller, afterSeq, Context.ConnectionAborted);
        if (Editions.Add(edition))
        {
            feeds[edition].SubscribersChanged(+1);
        }
    }

    public async Task Unsubscribe(string edition)
    {
        await Feed(edition).DetachAsync(Context.ConnectionId, Context.ConnectionAborted);
        if (Editions.Remove(edition))
        {
            feeds[edition].SubscribersChanged(-1);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var edition in Editions)
        {
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
