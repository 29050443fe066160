namespace Alerts.Server.Fanout;

/// <summary>What a message to an edition's subscribers is: an event, or the ticker sent instead of events.</summary>
internal enum FeedMessageKind
{
    Alert,
    Reset,
}
