using System.Globalization;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;

namespace Alerts.Server.EventLog;

/// <summary>
/// Checks a pub/sub message before a node shows it to anyone. Only the append script publishes,
/// but anything that can reach the store can <c>PUBLISH</c> too; a message that is not an event of
/// the channel's edition, in the log's own shape, is dropped. A real event lost that way is not lost:
/// the relay's consistency check backfills it from the log.
/// </summary>
internal static class PublishedEvent
{
    public static bool TryRead(string json, string edition, out StoredEvent storedEvent)
    {
        storedEvent = default;
        if (!json.StartsWith("{\"seq\":", StringComparison.Ordinal))
        {
            return false;
        }

        AlertEvent? alertEvent;
        try
        {
            alertEvent = JsonSerializer.Deserialize<AlertEvent>(json, AlertsJson.Options);
        }
        catch (JsonException)
        {
            return false;
        }

        if (alertEvent is not { Seq: > 0 } || alertEvent.Edition != edition || alertEvent.Alert is null
            || alertEvent.Alert.Edition != edition || string.IsNullOrEmpty(alertEvent.Alert.Id)
            || !Enum.IsDefined(alertEvent.Type)
            || !json.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{{\"seq\":{alertEvent.Seq},"), StringComparison.Ordinal))
        {
            return false;
        }

        storedEvent = new StoredEvent(alertEvent.Seq, json);
        return true;
    }
}
