using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Hosting;

/// <summary>The <c>Alerts</c> section: taxonomy, ticker lifetime and where the embedded server keeps data.</summary>
internal sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Where the embedded Garnet server keeps its AOF when no Redis is configured.</summary>
    [Required]
    public string DataDir { get; set; } = "data";

    /// <summary>How long a line stays on the ticker.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan TickerTtl { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Editions by slug; empty means the shipped defaults (en, ar, es).</summary>
    public Dictionary<string, EditionOptions> Editions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Section slugs; empty means the shipped defaults.</summary>
    public List<string> Sections { get; set; } = [];

    /// <summary>Region slugs; empty means the shipped defaults.</summary>
    public List<string> Regions { get; set; } = [];
}
