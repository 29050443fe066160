using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Desk;

/// <summary>The <c>Alerts:Audit</c> section.</summary>
internal sealed class AuditOptions
{
    public const string SectionName = "Alerts:Audit";

    /// <summary>How long the audit log and each alert's history are kept.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);
}
