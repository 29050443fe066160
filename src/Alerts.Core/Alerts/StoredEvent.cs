namespace Alerts.Core.Alerts;

/// <summary>An event as the log holds it: its seq and its JSON, kept as text so reads can pass it on untouched.</summary>
public readonly record struct StoredEvent(long Seq, string Json);
