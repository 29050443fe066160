using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Hubs.Direct;

/// <summary>The <c>Alerts:Hub</c> section: limits of the connections <see cref="DirectHub"/> serves.</summary>
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
}
