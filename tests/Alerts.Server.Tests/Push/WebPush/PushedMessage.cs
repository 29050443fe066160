using System.Text.Json;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>A message the fake push service accepted, decrypted, with the headers it came with.</summary>
public sealed record PushedMessage(string Subscription, string? Topic, long Ttl, string? Urgency, JsonElement Payload, string VapidKey, DateTimeOffset At)
{
    public JsonElement Notification => Payload.GetProperty("notification");

    public string AlertId => Payload.GetProperty("alert").GetProperty("id").GetString()!;

    public string Type => Payload.GetProperty("alert").GetProperty("type").GetString()!;
}
