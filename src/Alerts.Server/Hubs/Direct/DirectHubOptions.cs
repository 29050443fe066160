using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Hubs.Direct;

/// <summary>The <c>Alerts:Hub</c> section: limits of every hub connection, direct or negotiated.</summary>
internal sealed class DirectHubOptions
{
    public const string SectionName = "Alerts:Hub";

    /// <summary>
    /// How many bytes of records may wait for a client that does not read (a frozen tab, a dead
    /// link). Beyond it the connection is closed: the client reconnects and catches up from the log,
    /// and no other reader ever waits for it. 1 MB is a few thousand alerts.
    /// </summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxQueuedBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How many events of history one connection may be sent per minute (Subscribe and Resume with
    /// a seq). Beyond it the connection gets the ticker (<c>reset</c>) instead, so one small message
    /// can never ask for megabytes; a reconnecting ticker needs a handful.
    /// </summary>
    [Range(60, 1_000_000)]
    public int ReplayEventsPerMinute { get; set; } = 1000;
}
