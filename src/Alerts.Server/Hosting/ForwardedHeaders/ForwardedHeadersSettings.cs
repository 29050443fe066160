namespace Alerts.Server.Hosting.ForwardedHeaders;

/// <summary>
/// The <c>Alerts:ForwardedHeaders</c> section: the proxies whose <c>X-Forwarded-For</c> is believed, so rate
/// limits and logs see the reader's address rather than the load balancer's. Nothing set: only a proxy on
/// loopback is believed (ASP.NET Core's default).
/// </summary>
internal sealed class ForwardedHeadersSettings
{
    public const string SectionName = "Alerts:ForwardedHeaders";

    /// <summary>IP addresses, such as <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation, such as <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
