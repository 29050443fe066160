using Alerts.Core.Alerts;

namespace Alerts.Server.EventLog;

/// <summary>
/// What a node needs to know of an event to relay it: its position, what it changed, and when. The
/// rest of the event stays the log's JSON, which goes to every reader as it is.
/// </summary>
internal sealed record EventHeader(
    long Seq, AlertEventType Type, string Edition, string? Epoch, DateTimeOffset At, string AlertId, AlertStatus Status, int Version)
{
    /// <summary>
    /// Which change the event is (alert, type, version): a seq relayed again must be the same change,
    /// or the log went back. Not the JSON: a retraction rewrites earlier events without their content.
    /// </summary>
    public string Identity => $"{AlertId}/{Type}/{Version}";
}
