namespace Alerts.Core.Alerts;

/// <summary>The kind of change an event records.</summary>
public enum AlertEventType
{
    Published,
    Corrected,
    Retracted,
}
