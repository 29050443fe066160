namespace Alerts.Core.Desk;

/// <summary>What a key may do, from least to most; see <see cref="KeyGrant"/>.</summary>
public enum DeskRole
{
    /// <summary>Submits, corrects, retracts and cancels alerts in its editions.</summary>
    Editor,

    /// <summary>An editor who may also approve or reject other keys' alerts and read the audit log of its editions.</summary>
    Chief,

    /// <summary>Everything, in every edition.</summary>
    Admin,
}
