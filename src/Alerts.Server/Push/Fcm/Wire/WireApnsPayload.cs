using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>The APNs payload: its <c>aps</c> dictionary.</summary>
internal sealed record WireApnsPayload([property: JsonPropertyName("aps")] WireAps Aps);
