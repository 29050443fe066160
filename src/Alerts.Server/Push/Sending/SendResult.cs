namespace Alerts.Server.Push.Sending;

/// <summary>How one target's send ended, after any retries; the <c>alerts_push_sends_total</c> label is the name.</summary>
internal enum SendResult
{
    Accepted,
    Failed,

    /// <summary>FCM said the token is dead or malformed; it has been removed from the registry.</summary>
    Pruned,

    /// <summary>Not sent: this node's lease on the edition may have lapsed, so another node may be sending.</summary>
    LeaseLapsed,
}
