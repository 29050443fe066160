namespace Alerts.Server.Push.Sending;

/// <summary>How one target's send ended, after any retries.</summary>
internal enum SendResult
{
    Accepted,
    Failed,

    /// <summary>FCM said the token is dead or malformed; it has been removed from the registry.</summary>
    Pruned,

    /// <summary>Not sent: this node's lease on the job may have lapsed, so another node may be sending.</summary>
    LeaseLapsed,
}
