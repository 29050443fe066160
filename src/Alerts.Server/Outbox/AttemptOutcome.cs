namespace Alerts.Server.Outbox;

/// <summary>What the delivery log says of an attempt; the metric label and the JSON value are these names.</summary>
internal enum AttemptOutcome
{
    Delivered,

    /// <summary>Tried again at the attempt's next time.</summary>
    Failed,

    /// <summary>Failing for longer than the outlet's retry limit; the next item goes.</summary>
    Abandoned,

    /// <summary>Refused for good by the receiver; not retried.</summary>
    Rejected,
}
