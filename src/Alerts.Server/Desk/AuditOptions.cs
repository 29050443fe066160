using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Desk;

/// <summary>The <c>Alerts:Audit</c> section.</summary>
internal sealed class AuditOptions
{
    public const string SectionName = "Alerts:Audit";

    /// <summary>How long the audit log and each alert's history are kept.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// How many refused attempts of one key a minute the audit log keeps: enough to see what a key tried, and a
    /// bound on what a key probing the API can write into a log kept for <see cref="Retention"/>.
    /// </summary>
    [Range(1, 10_000)]
    public int RefusalsPerKeyPerMinute { get; set; } = 30;
}
