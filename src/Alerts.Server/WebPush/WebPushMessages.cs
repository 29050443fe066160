using System.Globalization;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Push.Sending;

namespace Alerts.Server.WebPush;

/// <summary>
/// Builds an event's Web Push message once; each subscription then gets it encrypted for its own keys. The
/// notification's tag is the alert id, so a correction replaces the shown notification and a withdrawal
/// replaces it with the edition's <c>RetractedText</c>, without the headline or a link.
/// </summary>
internal sealed class WebPushMessages(Taxonomy taxonomy, PushMessages push)
{
    /// <summary>The declarative form's version: RFC 8030, as Declarative Web Push names it.</summary>
    public const int DeclarativeVersion = 8030;
    private const string Ellipsis = "…";

    /// <summary>The message, or null when the alert has left the ticker and must not be sent any more.</summary>
    public WebPushMessage? For(AlertEvent alertEvent, DateTimeOffset now)
    {
        var alert = alertEvent.Alert;
        var ttl = alert.ExpiresAt - now;
        if (ttl <= TimeSpan.Zero)
        {
            return null;
        }

        var edition = taxonomy.Editions[alert.Edition];
        var retracted = alertEvent.Type == AlertEventType.Retracted;
        var link = !retracted && alert.Url is { } url && url.StartsWith("https://", StringComparison.Ordinal) ? url : null;
        var notification = new WebPushNotification(
            edition.BreakingLabel, retracted ? push.RetractedText(alert.Edition) : alert.Headline, alert.Id, edition.Language,
            edition.Direction == TextDirection.Rtl ? "rtl" : "ltr", link, Silent: retracted || alert.Urgency != Urgency.Flash, alert.PublishedAt.ToUnixTimeMilliseconds());
        var identity = new WebPushAlert(alert.Id, Name(alertEvent.Type), alert.Edition, Name(alert.Urgency), alertEvent.Seq);
        var payload = Fit(new WebPushPayload(DeclarativeVersion, notification, identity));
        return new WebPushMessage(
            payload, alert.Id, (long)Math.Ceiling(ttl.TotalSeconds), retracted || alert.Urgency == Urgency.Flash ? "high" : "normal");
    }

    private static string Name(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Fits one encrypted record: the body is cut by whole text elements until the payload fits.</summary>
    private static byte[] Fit(WebPushPayload payload)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, WebPushJson.Default.WebPushPayload);
        if (bytes.Length <= WebPushEncryption.MaxPlaintextBytes)
        {
            return bytes;
        }

        var body = payload.Notification.Body;
        var elements = StringInfo.ParseCombiningCharacters(body);
        for (var keep = elements.Length - 1; keep >= 0; keep -= Math.Max(1, (bytes.Length - WebPushEncryption.MaxPlaintextBytes) / 4))
        {
            var cut = payload with { Notification = payload.Notification with { Body = body[..elements[keep]].TrimEnd() + Ellipsis } };
            bytes = JsonSerializer.SerializeToUtf8Bytes(cut, WebPushJson.Default.WebPushPayload);
            if (bytes.Length <= WebPushEncryption.MaxPlaintextBytes)
            {
                return bytes;
            }
        }

        throw new InvalidOperationException($"Alert {payload.Alert.Id}: even an empty body exceeds Web Push's {WebPushEncryption.MaxPlaintextBytes}-byte payload.");
    }
}
