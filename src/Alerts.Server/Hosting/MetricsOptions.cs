using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Hosting;

/// <summary>The <c>Alerts:Metrics</c> section: where Prometheus scrapes.</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Alerts:Metrics";

    /// <summary>
    /// When set, <c>/metrics</c> is served only by a separate Kestrel server on this port (all
    /// interfaces), for scrapers, and the public port stops serving it. Unset: the public port serves it.
    /// </summary>
    [Range(1, 65535)]
    public int? Port { get; set; }
}
