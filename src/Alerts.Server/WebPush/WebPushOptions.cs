using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.WebPush;

/// <summary>
/// The <c>Alerts:WebPush</c> section: the VAPID identity, the push services accepted as endpoints, and pacing. The
/// section's lease, poll, retry and log keys are the outlet's <see cref="Outbox.OutletOptions"/> (named <c>webpush</c>).
/// </summary>
internal sealed class WebPushOptions
{
    public const string SectionName = "Alerts:WebPush";

    /// <summary>Who the push services may contact about this sender: a <c>mailto:</c> or <c>https:</c> URI (RFC 8292's <c>sub</c>).</summary>
    [Required]
    [RegularExpression("^(mailto:[^\\s]+@[^\\s]+|https://[^\\s]+)$", ErrorMessage = "Subject must be a mailto: or https: URI.")]
    public string Subject { get; set; } = "mailto:alerts@example.org";

    /// <summary>The VAPID public key (base64url of the 65-byte uncompressed P-256 point); with <see cref="PrivateKey"/>, or neither.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The VAPID private key (base64url of the 32-byte scalar); when unset, a pair is generated once and kept in Redis.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>
    /// The push services a subscription's endpoint may point at: host names, or <c>*.</c> and a domain for its
    /// subdomains; empty means <see cref="MajorBrowsersServices"/>. The server POSTs to the endpoint, so anything
    /// else (a private address, a metadata service) is refused.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Chrome and Edge (FCM), Firefox (Mozilla autopush), Safari (Apple), and Windows' notification service.</summary>
    public static IReadOnlyList<string> MajorBrowsersServices { get; } =
        ["fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com", "*.push.apple.com", "*.notify.windows.com"];

    /// <summary>The hosts in force: the configured ones, or the major browsers' services.</summary>
    public IReadOnlyList<string> AllowedHostsInForce => AllowedHosts.Count == 0 ? MajorBrowsersServices : AllowedHosts;

    /// <summary>Subscriptions read, sent and recorded per step: a node that takes over resumes after the last recorded step.</summary>
    [Range(1, 5_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Sends in flight at once across the node's Web Push deliveries.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentSends { get; set; } = 200;

    /// <summary>Sends of one message before a 429, 5xx or lost connection counts as failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first wait after a 429 or 5xx without Retry-After; doubled per attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Retry-After honoured inside one send; a service asking for more is retried by the outbox later.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one POST may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest endpoint accepted; the browsers' services use a few hundred characters.</summary>
    public const int MaxEndpointLength = 1_024;
}
