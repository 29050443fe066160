namespace Alerts.Server.Desk;

/// <summary>A pending correction and the revision the next step must be checked against.</summary>
internal sealed record PendingCorrectionEntry(PendingCorrection Correction, int Revision);
