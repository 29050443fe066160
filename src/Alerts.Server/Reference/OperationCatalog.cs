namespace Alerts.Server.Reference;

/// <summary>
/// Each operation's tag and one-line summary, by operation id (the endpoint's <c>WithName</c>), kept
/// here in one table so the document reads as one piece; a test fails for an operation missing from it.
/// </summary>
internal static class OperationCatalog
{
    public static readonly IReadOnlyDictionary<string, (ApiTag Tag, string Summary)> Operations = new Dictionary<string, (ApiTag, string)>(StringComparer.Ordinal)
    {
        ["PublishAlert"] = (ApiTag.Alerts, "Publish an alert, or submit it for approval or a later time"),
        ["GetAlert"] = (ApiTag.Alerts, "Read one alert"),
        ["CorrectAlert"] = (ApiTag.Alerts, "Correct an alert"),
        ["RetractAlert"] = (ApiTag.Alerts, "Retract an alert"),
        ["PreviewAlert"] = (ApiTag.Alerts, "Preview a publication: the line, the push and who it would reach"),
        ["GetAlertDelivery"] = (ApiTag.Alerts, "How far an alert got: hub, push and receipts"),
        ["GetStory"] = (ApiTag.Alerts, "Every alert of a story"),
        ["GetAudience"] = (ApiTag.Alerts, "How many readers and devices an alert would reach"),
        ["GetMe"] = (ApiTag.Desk, "Who is calling, a key or a person: kind, id, name, role and editions"),
        ["ListKeys"] = (ApiTag.Desk, "API keys, without their secrets (admins)"),
        ["CreateKey"] = (ApiTag.Desk, "Make an API key; its secret is shown once (admins)"),
        ["RotateKey"] = (ApiTag.Desk, "Give a key a new secret, the old one working for an overlap (admins)"),
        ["RevokeKey"] = (ApiTag.Desk, "Revoke an API key on every node (admins)"),
        ["GetSignIn"] = (ApiTag.Desk, "Where a person signs in to the console, when a provider is set"),
        ["GetAntiforgery"] = (ApiTag.Desk, "The antiforgery token a signed-in console sends with each change"),
        ["ListWaitingAlerts"] = (ApiTag.Desk, "Alerts waiting for approval or for their time"),
        ["ApproveAlert"] = (ApiTag.Desk, "Approve a waiting alert or correction"),
        ["RejectAlert"] = (ApiTag.Desk, "Reject a waiting alert or correction"),
        ["CancelAlert"] = (ApiTag.Desk, "Cancel a waiting or scheduled alert"),
        ["ListDecisions"] = (ApiTag.Desk, "How waits ended: approved, rejected, cancelled, expired, published"),
        ["GetAlertHistory"] = (ApiTag.Desk, "An alert's history: every version and who made it"),
        ["GetAudit"] = (ApiTag.Desk, "The audit log"),
        ["GetEditions"] = (ApiTag.EditionsAndFeeds, "Editions, sections, regions and each edition's latest seq"),
        ["GetEvents"] = (ApiTag.EditionsAndFeeds, "An edition's events after a seq, oldest first"),
        ["GetTicker"] = (ApiTag.EditionsAndFeeds, "The lines an edition's ticker shows now"),
        ["GetAtomFeed"] = (ApiTag.EditionsAndFeeds, "An edition as an Atom feed"),
        ["GetJsonFeed"] = (ApiTag.EditionsAndFeeds, "An edition as a JSON Feed"),
        ["GetEventStream"] = (ApiTag.LiveStream, "An edition's events as Server-Sent Events, resumable"),
        ["RegisterDevice"] = (ApiTag.DevicesAndReceipts, "Register or update a phone for push"),
        ["UnregisterDevice"] = (ApiTag.DevicesAndReceipts, "Unregister a phone"),
        ["GetWebPushKey"] = (ApiTag.DevicesAndReceipts, "The VAPID public key and service worker a browser subscribes with"),
        ["RecordReceipt"] = (ApiTag.DevicesAndReceipts, "Report that a push arrived or was opened"),
        ["GetWebhookDeliveries"] = (ApiTag.Webhooks, "A webhook's recent deliveries"),
        ["Healthz"] = (ApiTag.Health, "Is the process alive"),
        ["Readyz"] = (ApiTag.Health, "Is the node ready: Redis reachable, push on or off"),
    };
}
