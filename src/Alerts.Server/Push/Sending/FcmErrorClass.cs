namespace Alerts.Server.Push.Sending;

/// <summary>What a failed send calls for, as FCM documents its errors.</summary>
internal enum FcmErrorClass
{
    /// <summary>UNREGISTERED, or INVALID_ARGUMENT about the token: the token is dead.</summary>
    PruneToken,

    /// <summary>A payload error or a permanent refusal: retrying cannot help, and the token is fine.</summary>
    Permanent,

    /// <summary>QUOTA_EXCEEDED / 429: slow everything down.</summary>
    Quota,

    /// <summary>401 after the client refreshed the token once.</summary>
    Authentication,

    /// <summary>500, 503, a reset or a timeout: retry with backoff.</summary>
    Transient,
}
