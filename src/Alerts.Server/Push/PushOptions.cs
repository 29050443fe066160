using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Push;

/// <summary>
/// The <c>Alerts:Push</c> section: targeting, pacing and per-send retries. The section's lease, poll, retry and log
/// keys are the FCM outlet's <see cref="Outbox.OutletOptions"/> (named <c>fcm</c>).
/// </summary>
internal sealed class PushOptions
{
    public const string SectionName = "Alerts:Push";

    /// <summary>The FCM outlet's name: its outbox keys, its <see cref="Outbox.OutletOptions"/> and its line in the delivery report.</summary>
    public const string OutletName = "fcm";

    public PushMode Mode { get; set; } = PushMode.Topics;

    /// <summary>Messages per second across this node's sends; FCM's default quota is 600,000 a minute per project.</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerSecond { get; set; } = 10_000;

    /// <summary>Targets per recorded batch: a node that takes a job over resumes after the last recorded batch.</summary>
    [Range(1, 5_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Sends in flight at once; HTTP/2 multiplexes them over a few connections.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentSends { get; set; } = 400;

    /// <summary>Sends of one message before a transient failure (500, 503, reset) counts as failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first backoff after a transient failure; doubled per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause after a quota error that carries no Retry-After; doubled while quota errors continue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan QuotaBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Non-flash pushes a device receives per hour at most (devices mode).</summary>
    [Range(1, 1_000)]
    public int DeviceHourlyCap { get; set; } = 6;

    /// <summary>Device registrations per client address per minute.</summary>
    [Range(1, 100_000)]
    public int RegistrationsPerMinute { get; set; } = 30;

    /// <summary>How long a registration lasts unless the app registers again (apps re-register on every start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan RegistrationTtl { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Receipts (<c>POST /api/v1/receipts</c>) per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int ReceiptsPerMinute { get; set; } = 120;

    /// <summary>The newsroom's own phones: <c>POST /api/v1/alerts/preview?send=test</c> sends the would-be push to these only.</summary>
    public List<string> TestTokens { get; set; } = [];

    /// <summary>Where the apps' Android notification channels are named: a channel per urgency, <c>{prefix}-{urgency}</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9_-]{1,40}$")]
    public string ChannelPrefix { get; set; } = "alerts";
}
