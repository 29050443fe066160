using System.Text.Json.Nodes;
using Alerts.Core.Alerts;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// The body of a delivery: the event as the log holds it (the same JSON tickers and
/// <c>/events</c> get). An alert retracted by now goes out without its content, whichever of its
/// events this is: a receiver that was down must not learn a withdrawn headline on catching up.
/// </summary>
internal sealed class WebhookPayload(IAlertLog log)
{
    private static readonly string[] WithdrawnFields = ["headline", "url", "image", "retractionReason"];

    public async Task<byte[]> BuildAsync(AlertEvent alertEvent, string storedJson, CancellationToken cancellationToken)
    {
        var retracted = alertEvent.Type == AlertEventType.Retracted
            || (await log.FindAsync(alertEvent.Alert.Id, cancellationToken))?.Alert.Status == AlertStatus.Retracted;
        if (!retracted)
        {
            return System.Text.Encoding.UTF8.GetBytes(storedJson);
        }

        var node = JsonNode.Parse(storedJson)!;
        var alert = node["alert"]!.AsObject();
        foreach (var field in WithdrawnFields)
        {
            alert.Remove(field);
        }

        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
