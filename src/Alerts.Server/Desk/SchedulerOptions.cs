using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Desk;

/// <summary>The <c>Alerts:Scheduler</c> section: how the nodes share the due queue.</summary>
internal sealed class SchedulerOptions
{
    public const string SectionName = "Alerts:Scheduler";

    /// <summary>
    /// How often a node looks at every edition's due queue for entries added since (by any node); under a
    /// second, so a scheduled alert goes out within one. An entry it has seen goes out when it comes due.
    /// Each look is one read per edition: what an idle node costs its Redis.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:00:00.900")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a claimed alert stays with the node that claimed it before another node may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);
}
