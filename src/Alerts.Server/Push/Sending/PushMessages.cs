using System.Globalization;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Hosting;
using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// Builds the messages of an event, without their target. The alert id is the Android collapse key and
/// tag and the APNs collapse id, so a correction replaces the shown notification. A retraction is two
/// messages: a visible replacement under the same tag and collapse id that says the alert was withdrawn
/// (iOS drops many background pushes, and Web Push cannot be silent), then a data-only one for apps
/// that withdraw it themselves. Neither carries the retracted headline, link or image.
/// </summary>
internal sealed class PushMessages(Taxonomy taxonomy, IOptions<PushOptions> options, IOptions<AlertsOptions> alerts)
{
    public const int MaxPayloadBytes = 4096;
    private const string Ellipsis = "…";

    /// <summary>The messages each target gets, in order, or null when the alert has expired and must not be sent any more.</summary>
    public IReadOnlyList<Message>? For(AlertEvent alertEvent, DateTimeOffset now)
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
            ["url"] = alertEvent.Type == AlertEventType.Retracted ? "" : alert.Url ?? "",
        };
        var expiration = alert.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return alertEvent.Type == AlertEventType.Retracted
            ? [WithdrawalNotice(alert, data, ttl, expiration), Withdrawal(alert, data, ttl, expiration)]
            : [Fit(Notification(alert, data, ttl, expiration, urgency))];
    }

    /// <summary>The edition's <c>RetractedText</c>, or the default in its language.</summary>
    public string RetractedText(string edition)
    {
        if (alerts.Value.Editions.TryGetValue(edition, out var configured) && !string.IsNullOrWhiteSpace(configured.RetractedText))
        {
            return configured.RetractedText;
        }

        return taxonomy.Editions[edition].Language.Split('-')[0] switch
        {
            "ar" => "تم سحب هذا الخبر.",
            "es" => "Esta alerta fue retirada.",
            _ => "This alert was withdrawn.",
        };
    }

    // Replaces what the phone shows, quietly: no sound, normal priority, no time-sensitive interruption.
    private Message WithdrawalNotice(Alert alert, Dictionary<string, string> data, TimeSpan ttl, string expiration) => new()
    {
        Notification = new Notification { Title = taxonomy.Editions[alert.Edition].BreakingLabel, Body = RetractedText(alert.Edition) },
        Data = data,
        AnalyticsLabel = AnalyticsLabel(alert),
        Android = new AndroidConfig
        {
            CollapseKey = alert.Id,
            Priority = Priority.High,
            TimeToLive = ttl,
            Notification = new AndroidNotification { Tag = alert.Id, ChannelId = $"{options.Value.ChannelPrefix}-{alert.Urgency.ToString().ToLowerInvariant()}" },
        },
        Apns = new ApnsConfig
        {
            Headers = new Dictionary<string, string>
            {
                ["apns-priority"] = "10",
                ["apns-collapse-id"] = alert.Id,
                ["apns-expiration"] = expiration,
                ["apns-push-type"] = "alert",
            },
            Aps = new Aps { ThreadId = alert.Edition },
        },
        Webpush = new WebpushConfig { Headers = WebHeaders(ttl, "high"), Notification = new WebpushNotification { Tag = alert.Id } },
    };

    // FCM allows labels of at most 50 characters of [a-zA-Z0-9-_.~%]; a ULID is 26 of them.
    private static string AnalyticsLabel(Alert alert) => alert.Id;

    private Message Notification(Alert alert, Dictionary<string, string> data, TimeSpan ttl, string expiration, string urgency)
    {
        var flash = alert.Urgency == Urgency.Flash;
        return new Message
        {
            Notification = new Notification { Title = taxonomy.Editions[alert.Edition].BreakingLabel, Body = alert.Headline, ImageUrl = alert.Image },
            Data = data,
            AnalyticsLabel = AnalyticsLabel(alert),
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
                    // Wakes the app's Notification Service Extension for every alert, not only those with an
                    // image: it attaches the image and reports the receipt the 2-minute figure is made of.
                    MutableContent = true,
                    CustomData = flash ? new Dictionary<string, string> { ["interruption-level"] = "time-sensitive" } : null,
                },
                ImageUrl = alert.Image,
            },
            Webpush = new WebpushConfig
            {
                Headers = WebHeaders(ttl, alert.Urgency >= Urgency.Breaking ? "high" : "normal"),
                Notification = new WebpushNotification { Tag = alert.Id },
                Link = alert.Url is { } url && url.StartsWith("https://", StringComparison.Ordinal) ? url : null,
            },
        };
    }

    private static Dictionary<string, string> WebHeaders(TimeSpan ttl, string urgency) => new()
    {
        ["TTL"] = ((long)Math.Ceiling(ttl.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
        ["Urgency"] = urgency,
    };

    // Apple delivers background (content-available) pushes only with priority 5 and push type background.
    private static Message Withdrawal(Alert alert, Dictionary<string, string> data, TimeSpan ttl, string expiration) => new()
    {
        Data = data,
        AnalyticsLabel = AnalyticsLabel(alert),
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
        Webpush = new WebpushConfig { Headers = WebHeaders(ttl, "high") },
    };

    /// <summary>
    /// Makes the payload fit FCM's limit: first without the web click link (a long URL would be in it
    /// twice; <c>data.url</c> still carries it), then by cutting the body by whole text elements.
    /// </summary>
    private static Message Fit(Message message)
    {
        if (FcmMessageWriter.PayloadBytes(message) <= MaxPayloadBytes)
        {
            return message;
        }

        if (message.Webpush is { Link: not null } webpush)
        {
            message = message with { Webpush = webpush with { Link = null } };
            if (FcmMessageWriter.PayloadBytes(message) <= MaxPayloadBytes)
            {
                return message;
            }
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
