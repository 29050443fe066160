using Alerts.Core.Alerts;
using Alerts.Server.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs;

/// <summary>What the server calls on a ticker connection.</summary>
public interface ITickerClient
{
    const string AlertMethod = "alert";
    const string ResetMethod = "reset";

    /// <summary>One event of a subscribed edition, in seq order.</summary>
    [HubMethodName(AlertMethod)]
    Task Alert(AlertEvent alertEvent);

    /// <summary>
    /// The events after the client's seq are gone from the log (retention): here is the whole
    /// ticker instead; events after <see cref="TickerReset.LatestSeq"/> follow.
    /// </summary>
    [HubMethodName(ResetMethod)]
    Task Reset(TickerReset reset);
}
