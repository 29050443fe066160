namespace Alerts.Server.Reference;

/// <summary>A group of operations in the OpenAPI document, named for what a user of the API is doing.</summary>
internal sealed record ApiTag(string Name, string Description)
{
    public static readonly ApiTag Alerts = new("Alerts", "Publish, correct and retract alerts, preview them, and see how far one got.");
    public static readonly ApiTag Desk = new("Desk", "Approval, scheduling, history and audit: the newsroom's desk before and after publication.");
    public static readonly ApiTag EditionsAndFeeds = new("Editions and feeds", "Public reads: editions, their events, the ticker, Atom and JSON Feed.");
    public static readonly ApiTag LiveStream = new("Live stream", "Server-Sent Events of an edition, resumable from a seq. The SignalR hub is described in docs/api.md.");
    public static readonly ApiTag DevicesAndReceipts = new("Devices and receipts", "Phones register for push; apps report that a push arrived or was opened.");
    public static readonly ApiTag Webhooks = new("Webhooks", "What the outgoing webhooks delivered.");
    public static readonly ApiTag Health = new("Health", "Liveness and readiness for load balancers and orchestrators.");

    /// <summary>In the order the reference page lists them.</summary>
    public static readonly IReadOnlyList<ApiTag> All = [Alerts, Desk, EditionsAndFeeds, LiveStream, DevicesAndReceipts, Webhooks, Health];
}
