namespace Alerts.Core.Alerts;

/// <summary>How urgent an alert is; ordered from least to most urgent so that comparisons mean "at least".</summary>
public enum Urgency
{
    Update = 0,
    Breaking = 1,
    Flash = 2,
}
