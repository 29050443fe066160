using Alerts.Core.Alerts;

namespace Alerts.Core.Desk;

/// <summary>
/// The result of one transition: the outcome, the alert as it is afterwards (for <see cref="DeskOutcome.Publish"/>,
/// as it is published), the actions to record, and for a refusal or conflict the reason.
/// </summary>
public sealed record DeskStep(DeskOutcome Outcome, Alert? Alert, IReadOnlyList<DeskAction> Actions, string? Problem = null)
{
    public static DeskStep Refuse(string problem) => new(DeskOutcome.Refused, null, [], problem);

    public static DeskStep Conflict(string problem) => new(DeskOutcome.Conflict, null, [], problem);
}
