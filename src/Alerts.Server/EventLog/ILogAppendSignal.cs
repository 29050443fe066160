namespace Alerts.Server.EventLog;

/// <summary>
/// Told when this node's relay sees an edition's log move (a live event, or events it caught up on from the log): lets
/// a reader of the log that found nothing new wait for that instead of polling. A hint only: a reader still looks
/// on its own now and then, for what a node misses (a lost pub/sub message, a node that starts after an append).
/// </summary>
internal interface ILogAppendSignal
{
    /// <summary>Called once the events are in the log; it must return at once.</summary>
    void Appended(string edition);
}
