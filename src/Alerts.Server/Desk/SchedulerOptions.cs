using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Desk;

/// <summary>The <c>Alerts:Scheduler</c> section: how the nodes share the due queue.</summary>
internal sealed class SchedulerOptions
{
    public const string SectionName = "Alerts:Scheduler";

    /// <summary>
    /// How often a node looks at every edition's due queue without being told: a node that adds an entry tells every
    /// scheduler at once (pub/sub), so this look only finds what a lost notice hid. Each look is one read per edition:
    /// what an idle node costs its Redis. An entry a node knows of goes out when it comes due.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:10:00")]
    public TimeSpan IdleCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Retired with the 200 ms poll it set: the scheduler is told of new due entries now, and looks on its own every
    /// <see cref="IdleCheckInterval"/>. Read only so that a node still configured with it says so at start.
    /// </summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>How long a claimed alert stays with the node that claimed it before another node may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);
}
