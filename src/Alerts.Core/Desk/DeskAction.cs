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

    /// <summary>An attempt the key's role or editions did not allow (answered 403); audit log only.</summary>
    Refused,
}
