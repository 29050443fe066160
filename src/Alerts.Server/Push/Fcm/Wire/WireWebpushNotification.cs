using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>The browser notification's options FCM passes on.</summary>
internal sealed record WireWebpushNotification([property: JsonPropertyName("tag")] string? Tag);
