using Alerts.Server.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs;

/// <summary>
/// The live hub at <c>/hubs/alerts</c>. Clients may only subscribe (or resume) and unsubscribe; nothing they send
/// reaches anyone else. Events come from the node's <see cref="EventRelay"/>, never from another client,
/// through the connection's own bounded queue (<see cref="NegotiatedConnection"/>); the subscriptions are
/// <see cref="LiveSubscriptions"/>', as for every transport.
/// </summary>
internal sealed class AlertsHub(LiveSubscriptions subscriptions, DrainingHubLifetimeManager connections) : Hub<ITickerClient>
{
    public const string Path = "/hubs/alerts";

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

    public Task Unsubscribe(string edition)
    {
        try
        {
            subscriptions.Unsubscribe(connections[Context.ConnectionId], edition);
        }
        catch (SubscriptionRefusedException e)
        {
            throw new HubException(e.Message);
        }

        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.UnsubscribeAll(connections[Context.ConnectionId]);
        return Task.CompletedTask;
    }

    private async Task AttachAsync(string edition, long? afterSeq, string? epoch)
    {
        var connection = connections[Context.ConnectionId];
        try
        {
            await subscriptions.SubscribeAsync(connection, edition, afterSeq, epoch, Context.ConnectionAborted);
        }
        catch (SubscriptionRefusedException e)
        {
            // SignalR tells a client only a HubException's message.
            throw new HubException(e.Message);
        }

        // The history is queued, not yet written: it reaches the client before this call's completion, as on the direct hub.
        await connection.WhenSentAsync(Context.ConnectionAborted);
    }
}
