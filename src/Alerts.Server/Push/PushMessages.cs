using System.Globalization;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push;

/// <summary>
/// Builds the message of an event, without its target. The alert id is the Android collapse key and
/// tag and the APNs collapse id, so a correction replaces the shown notification; a retraction is
/// data-only, for apps to withdraw it.
/// </summary>
internal sealed class PushMessages(Taxonomy taxonomy, IOptions<PushOptions> options)
{
    public const int MaxPayloadBytes = 4096;
    private const string Ellipsis = "…";

    /// <summary>The message, or null when the alert has expired and must not be sent any more.</summary>
    public Message? For(AlertEvent alertEvent, DateTimeOffset now)
    {
        var alert = alertEvent.Alert;
        var ttl = alert.ExpiresAt - now;
        if (ttl <= TimeSpan.Zero)
        {
            return null;
        }

        var type = alertEvent.Type.ToString().ToLowerInvariant();
        var urgency = alert.Urgency.ToString().ToLowerInvariant();
        var data = new Dictionary<string, string>
        {
            ["alertId"] = alert.Id,
            ["seq"] = alertEvent.Seq.ToString(CultureInfo.InvariantCulture),
            ["edition"] = alert.Edition,
            ["urgency"] = urgency,
            ["type"] = type,
            ["url"] = alert.Url ?? "",
        };
        var expiration = alert.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return alertEvent.Type == AlertEventType.Retracted
            ? Withdrawal(alert, data, ttl, expiration)
            : Shorten(Notification(alert, data, ttl, expiration, urgency));
    }

    private Message Notification(Alert alert, Dictionary<string, string> data, TimeSpan ttl, string expiration, string urgency)
    {
        var flash = alert.Urgency == Urgency.Flash;
        return new Message
        {
            Notification = new Notification { Title = taxonomy.Editions[alert.Edition].BreakingLabel, Body = alert.Headline },
            Data = data,
            Android = new AndroidConfig
            {
                CollapseKey = alert.Id,
                Priority = alert.Urgency >= Urgency.Breaking ? Priority.High : Priority.Normal,
                TimeToLive = ttl,
                Notification = new AndroidNotification { Tag = alert.Id, ChannelId = $"{options.Value.ChannelPrefix}-{urgency}", Sound = flash ? "default" : null },
            },
            Apns = new ApnsConfig
            {
                Headers = new Dictionary<string, string>
                {
                    ["apns-priority"] = alert.Urgency >= Urgency.Breaking ? "10" : "5",
                    ["apns-collapse-id"] = alert.Id,
                    ["apns-expiration"] = expiration,
                    ["apns-push-type"] = "alert",
                },
                Aps = new Aps
                {
                    ThreadId = alert.Edition,
                    Sound = flash ? "default" : null,
                    CustomData = flash ? new Dictionary<string, string> { ["interruption-level"] = "time-sensitive" } : null,
                },
            },
        };
    }

    // Apple delivers background (content-available) pushes only with priority 5 and push type background.
    private static Message Withdrawal(Alert alert, Dictionary<string, string> data, TimeSpan ttl, string expiration) => new()
    {
        Data = data,
        Android = new AndroidConfig { CollapseKey = alert.Id, Priority = Priority.High, TimeToLive = ttl },
        Apns = new ApnsConfig
        {
            Headers = new Dictionary<string, string>
            {
                ["apns-priority"] = "5",
                ["apns-collapse-id"] = alert.Id,
                ["apns-expiration"] = expiration,
                ["apns-push-type"] = "background",
            },
            Aps = new Aps { ContentAvailable = true },
        },
    };

    /// <summary>Cuts the body, by whole text elements, until the payload fits FCM's limit.</summary>
    private static Message Shorten(Message message)
    {
        if (FcmMessageWriter.PayloadBytes(message) <= MaxPayloadBytes)
        {
            return message;
        }

        var body = message.Notification!.Body!;
        var elements = StringInfo.ParseCombiningCharacters(body);
        var (low, high) = (0, elements.Length - 1);
        Message? fitting = null;
        while (low <= high)
        {
            var keep = (low + high) / 2;
            var candidate = message with { Notification = message.Notification with { Body = body[..elements[keep]].TrimEnd() + Ellipsis } };
            if (FcmMessageWriter.PayloadBytes(candidate) <= MaxPayloadBytes)
            {
                fitting = candidate;
                low = keep + 1;
            }
            else
            {
                high = keep - 1;
            }
        }

        return fitting ?? throw new InvalidOperationException($"Alert {message.Data!["alertId"]}: even an empty body exceeds FCM's {MaxPayloadBytes}-byte payload limit.");
    }
}
