using Alerts.Server.Fanout;
using Alerts.Server.Hubs.Direct;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hubs;

/// <summary>The bounds every hub connection lives by, direct or negotiated, read once from <c>Alerts:Hub</c>.</summary>
internal sealed class HubConnectionLimits(IOptions<DirectHubOptions> options, TimeProvider time, ILogger<HubConnectionLimits> logger)
{
    /// <summary>Records a client has not read beyond this are its problem: it is disconnected, reconnects and catches up from the log.</summary>
    public int MaxQueuedBytes { get; } = options.Value.MaxQueuedBytes;

    /// <summary>History waits while the connection's queue holds this much, so a long catch-up never trips <see cref="MaxQueuedBytes"/>.</summary>
    public int HistoryPaceBytes { get; } = Math.Min(64 * 1024, options.Value.MaxQueuedBytes / 2);

    public ILogger Logger => logger;

    public ReplayBudget NewReplayBudget() => new(options.Value.ReplayEventsPerMinute, time);
}
