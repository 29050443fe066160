namespace Alerts.Core.Alerts;

/// <summary>The state an alert is in after its latest event.</summary>
public enum AlertStatus
{
    Published,
    Corrected,
    Retracted,
}
