namespace Alerts.Core.Desk;

/// <summary>What an entry of an alert's history or of the audit log records.</summary>
public enum DeskAction
{
    Submitted,
    Edited,
    Approved,
    Rejected,
    Scheduled,
    Cancelled,
    Expired,
    Published,
    Corrected,
    Retracted,
    Pushed,

    /// <summary>An admin made an API key in the app; audit log only, like the two below.</summary>
    KeyCreated,

    /// <summary>An admin gave a key a new secret, the old one working on for an overlap.</summary>
    KeyRotated,

    /// <summary>An admin revoked a key.</summary>
    KeyRevoked,

    /// <summary>An attempt the key's role or editions did not allow (answered 403); audit log only.</summary>
    Refused,
}
