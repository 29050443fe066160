using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Hosting.RateLimiting;

/// <summary>The <c>Alerts:RateLimits</c> section: per-address limits of public reads that belong to no other feature's options.</summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "Alerts:RateLimits";

    /// <summary><c>GET /api/v1/editions/{edition}/events</c> requests per client address per minute (a ticker falling back to polling asks every few seconds).</summary>
    [Range(1, 1_000_000)]
    public int EventsPerMinute { get; set; } = 600;

    /// <summary>
    /// <c>feed.atom</c> and <c>feed.json</c> requests per client address per minute. A feed reader polls every
    /// few minutes and a CDN revalidates every few seconds; the feeds are built once per change, so this only
    /// bounds what one address may make the node send.
    /// </summary>
    [Range(1, 1_000_000)]
    public int FeedsPerMinute { get; set; } = 120;
}
