namespace Alerts.Server.WebPush;

/// <summary>How one message to one subscription ended, after any retries.</summary>
internal enum WebPushSendOutcome
{
    /// <summary>The push service took it (201).</summary>
    Accepted,

    /// <summary>404 or 410: the subscription is gone; it has been removed.</summary>
    Gone,

    /// <summary>413: this payload will never fit; reported once, not retried.</summary>
    TooLarge,

    /// <summary>Refused (another 4xx) or still failing (429, 5xx, no answer) after the last attempt.</summary>
    Failed,
}
