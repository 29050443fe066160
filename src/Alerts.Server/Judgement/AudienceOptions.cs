using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Judgement;

/// <summary>The <c>Alerts:Audience</c> section: how nodes report their live readers to each other.</summary>
internal sealed class AudienceOptions
{
    public const string SectionName = "Alerts:Audience";

    /// <summary>How often a node writes its per-edition reader counts to Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a node's counts stand without a heartbeat. The contract wants a stopped node gone
    /// within 30 s; the default leaves room for three missed beats.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:00:30")]
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
