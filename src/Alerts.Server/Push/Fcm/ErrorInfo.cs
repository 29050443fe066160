namespace Alerts.Server.Push.Fcm;

/// <summary>A token a topic change failed for: its index in the given list and FCM's reason.</summary>
internal sealed record ErrorInfo(int Index, string Reason);
