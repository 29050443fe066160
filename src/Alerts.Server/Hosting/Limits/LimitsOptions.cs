using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Hosting.Limits;

/// <summary>
/// The <c>Alerts:Limits</c> section: how many connections the node holds, in all and per client
/// address. A live connection costs the node its memory for hours; a request costs it milliseconds.
/// </summary>
internal sealed class LimitsOptions
{
    public const string SectionName = "Alerts:Limits";

    /// <summary>
    /// Live connections (hub and event stream) one client address may hold at once, as the
    /// forwarded-headers middleware sees the address. A page holds one or two; a household or an
    /// office behind one address holds dozens; one client holding hundreds is not reading news.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ConnectionsPerAddress { get; set; } = 64;

    /// <summary>Kestrel's <c>MaxConcurrentConnections</c>: keep it below the process's open-file limit.</summary>
    [Range(1, 10_000_000)]
    public long MaxConnections { get; set; } = 100_000;

    /// <summary>Kestrel's <c>MaxConcurrentUpgradedConnections</c>: WebSockets, which also count as connections.</summary>
    [Range(1, 10_000_000)]
    public long MaxUpgradedConnections { get; set; } = 100_000;
}
