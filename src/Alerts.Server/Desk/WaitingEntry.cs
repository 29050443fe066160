namespace Alerts.Server.Desk;

/// <summary>A waiting record and the revision the next step must be checked against.</summary>
internal sealed record WaitingEntry(WaitingRecord Record, int Revision);
