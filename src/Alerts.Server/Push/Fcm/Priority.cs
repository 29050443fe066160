namespace Alerts.Server.Push.Fcm;

/// <summary>Android delivery priority.</summary>
internal enum Priority
{
    Normal,
    High,
}
