namespace Alerts.Core.Desk;

/// <summary><c>Alerts:Approval:Scope</c>: which alerts the approval mode applies to.</summary>
public enum ApprovalScope
{
    /// <summary>Only alerts that notify phones wait.</summary>
    Push,

    /// <summary>Ticker-only alerts wait too.</summary>
    All,
}
