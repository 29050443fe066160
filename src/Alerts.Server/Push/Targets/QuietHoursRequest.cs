namespace Alerts.Server.Push.Targets;

/// <summary>The <c>quietHours</c> of a device registration body: local times <c>HH:mm</c> in an IANA time zone.</summary>
internal sealed record QuietHoursRequest(string From, string To, string TimeZone);
