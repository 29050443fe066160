namespace Alerts.Server.WebPush;

/// <summary>One event's Web Push message before encryption: the payload and the headers every subscription gets.</summary>
/// <param name="Payload">The UTF-8 JSON each subscription gets, encrypted for it.</param>
/// <param name="Topic">The alert id: the push service keeps one undelivered message per topic, so a correction replaces an undelivered copy.</param>
/// <param name="TimeToLive">Seconds the service keeps it for an offline browser: until the alert leaves the ticker.</param>
/// <param name="Urgency"><c>high</c> for flash and for withdrawals, <c>normal</c> otherwise.</param>
internal sealed record WebPushMessage(byte[] Payload, string Topic, long TimeToLive, string Urgency);
