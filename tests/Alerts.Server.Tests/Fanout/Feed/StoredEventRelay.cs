using Alerts.Core.Alerts;
using Alerts.Server.EventLog;
using Alerts.Server.Fanout;

namespace Alerts.Server.Tests.Fanout.Feed;

/// <summary>Relays an event of the fake log as the node's relay does: its header read from the stored JSON.</summary>
internal static class StoredEventRelay
{
    public static Task RelayAsync(this EditionFeed feed, StoredEvent storedEvent, CancellationToken cancellationToken) =>
        PublishedEvent.TryRead(storedEvent.Json, feed.Edition, out var loggedEvent)
            ? feed.RelayAsync(loggedEvent, cancellationToken)
            : throw new InvalidDataException($"Event {storedEvent.Seq} is not in the log's shape.");
}
