namespace Alerts.Server.EventLog;

/// <summary>An event as the log holds it: its header, read once, and its JSON as UTF-8 bytes, never rewritten on the way to readers.</summary>
internal sealed record LoggedEvent(EventHeader Header, byte[] Json);
