namespace Alerts.Server.Desk;

/// <summary>What waits for approval: a new alert, or a correction of a published one.</summary>
internal enum WaitingKind
{
    Submission,
    Correction,
}
