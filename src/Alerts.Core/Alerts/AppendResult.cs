namespace Alerts.Core.Alerts;

/// <summary>The outcome of an append and, unless it conflicted, the stored event.</summary>
public sealed record AppendResult(AppendOutcome Outcome, StoredEvent Event);
