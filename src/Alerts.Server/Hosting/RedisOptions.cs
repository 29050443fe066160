using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Hosting;

/// <summary>The <c>Alerts:Redis</c> section: key layout, retention, timeouts and replication.</summary>
internal sealed class RedisOptions
{
    public const string SectionName = "Alerts:Redis";

    /// <summary>Every key and channel starts with this, so several deployments can share one Redis.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "KeyPrefix must be 1-40 characters of A-Z, a-z, 0-9, '_', '.', '-'.")]
    public string KeyPrefix { get; set; } = "alerts";

    /// <summary>How many events each edition's log keeps.</summary>
    [Range(100, 10_000_000)]
    public int Retention { get; set; } = 10_000;

    /// <summary>
    /// How long a command may wait, connection included, before the request fails with 503.
    /// Keeps a POST during an outage within the 5-second bound.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>When above 0, a write answers only after this many replicas acknowledged it (<c>WAIT</c>).</summary>
    [Range(0, 16)]
    public int WaitReplicas { get; set; }

    /// <summary>How long <c>WAIT</c> waits for the replicas.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the first response to an <c>Idempotency-Key</c> is kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan IdempotencyTtl { get; set; } = TimeSpan.FromHours(24);
}
