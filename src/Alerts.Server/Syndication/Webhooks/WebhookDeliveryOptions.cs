using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>The <c>Alerts:WebhookDelivery</c> section: how every webhook is retried, leased and logged.</summary>
internal sealed class WebhookDeliveryOptions
{
    public const string SectionName = "Alerts:WebhookDelivery";

    /// <summary>The wait after the first failure; it doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after its first failure an event is still retried; then it is logged as abandoned and the next one goes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one POST may take; longer counts as a failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a node's claim on a webhook's edition lasts without renewal; another node takes over after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the holder looks for new events in the log.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many attempts each webhook's delivery log keeps, newest first.</summary>
    [Range(10, 10_000)]
    public int DeliveryLogLength { get; set; } = 500;
}
