namespace Alerts.Server.Judgement;

/// <summary>The registered devices part of the audience; <c>pushEnabled</c> false means none would be sent to now.</summary>
internal sealed record DeviceAudienceResponse(string Mode, bool PushEnabled, long Count);
