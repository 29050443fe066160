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

    /// <summary>
    /// From now on this connection receives every event of <paramref name="edition"/> with seq above
    /// <paramref name="afterSeq"/>: the missed ones first, then live, in order; null means live only.
    /// </summary>
    public Task Subscribe(string edition, long? afterSeq) =>
        Feed(edition).AttachAsync(Context.ConnectionId, Clients.Caller, afterSeq, Context.ConnectionAborted);

    public Task Unsubscribe(string edition) =>
        Feed(edition).DetachAsync(Context.ConnectionId, Context.ConnectionAborted);

    private EditionFeed Feed(string edition) =>
        edition is not null && taxonomy.Editions.ContainsKey(edition)
            ? feeds[edition]
            : throw new HubException($"Unknown edition '{edition}'. Known: {string.Join(", ", taxonomy.Editions.Keys)}.");
}
