using System.ComponentModel.DataAnnotations;
using Alerts.Core.Editions;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>One outgoing webhook, <c>Alerts:Webhooks:{name}</c>.</summary>
internal sealed class WebhookOptions
{
    /// <summary>Where events are POSTed; absolute http or https.</summary>
    [Required]
    public Uri? Url { get; set; }

    /// <summary>The signing secret, Standard Webhooks style: <c>whsec_</c> and base64 of 24 to 64 random bytes.</summary>
    [Required]
    [RegularExpression("^whsec_[A-Za-z0-9+/]+={0,2}$", ErrorMessage = "Secret must be 'whsec_' followed by base64.")]
    public string? Secret { get; set; }

    /// <summary>Editions whose events go out; empty means all.</summary>
    public List<string> Editions { get; set; } = [];

    /// <summary>The editions it follows: those listed, or every edition of the taxonomy when none are.</summary>
    public IEnumerable<string> EditionsIn(Taxonomy taxonomy) => Editions.Count == 0 ? taxonomy.Editions.Keys : Editions;

    /// <summary>Event types that go out (<c>published</c>, <c>corrected</c>, <c>retracted</c>); empty means all.</summary>
    public List<string> Types { get; set; } = [];
}
