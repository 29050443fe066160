namespace Alerts.Core.Desk;

/// <summary>Whether a submitted alert must wait for a second person.</summary>
public sealed record ApprovalRule(ApprovalMode Mode, ApprovalScope Scope)
{
    /// <summary>
    /// Whether a correction of a published alert must wait for a second person: one that notifies phones, or, with
    /// <see cref="ApprovalScope.All"/>, any change of what the alert says, as a new alert with that content would.
    /// </summary>
    public bool IsNeededForCorrection(DeskRole corrector, bool push, bool changesContent) =>
        (push || changesContent) && IsNeeded(corrector, push);

    public bool IsNeeded(DeskRole submitter, bool push)
    {
        if (!push && Scope == ApprovalScope.Push)
        {
            return false;
        }

        return Mode switch
        {
            ApprovalMode.Editors => submitter == DeskRole.Editor,
            ApprovalMode.TwoPerson => true,
            _ => false,
        };
    }
}
