using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Fanout;

/// <summary>The <c>Alerts:Fanout</c> section.</summary>
internal sealed class FanoutOptions
{
    public const string SectionName = "Alerts:Fanout";

    /// <summary>
    /// How often the node compares each edition's latest seq with what it relayed. Pub/sub drops
    /// messages silently while a subscription is down; this bounds how late the last of them can be.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ConsistencyCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many events one read of the log fetches while catching up.</summary>
    [Range(10, 10_000)]
    public int BackfillPageSize { get; set; } = 500;
}
