namespace Alerts.Core.Desk;

/// <summary>Whether a submitted alert must wait for a second person.</summary>
public sealed record ApprovalRule(ApprovalMode Mode, ApprovalScope Scope)
{
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
