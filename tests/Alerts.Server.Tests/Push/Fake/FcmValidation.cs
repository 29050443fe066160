using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alerts.Server.Tests.Push.Fake;

/// <summary>The checks FCM makes on a message before accepting it, with messages like its own.</summary>
public static partial class FcmValidation
{
    public const int MaxPayloadBytes = 4096;

    private static readonly string[] Targets = ["token", "topic", "condition"];

    public static string? Problem(JsonElement message)
    {
        var targets = Targets.Count(t => message.TryGetProperty(t, out _));
        if (targets != 1)
        {
            return "Exactly one of token, topic or condition must be specified.";
        }

        if (message.TryGetProperty("token", out var token) && string.IsNullOrEmpty(token.GetString()))
        {
            return "The registration token is not a valid FCM registration token";
        }

        if (message.TryGetProperty("condition", out var condition) && TopicInCondition().Count(condition.GetString()!) > 5)
        {
            return "Invalid condition: at most 5 topics";
        }

        if (message.TryGetProperty("data", out var data) && data.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            return "Invalid value at 'message.data': data values must be strings";
        }

        if (message.TryGetProperty("notification", out var notification) && notification.TryGetProperty("image", out var image) && !IsHttps(image))
        {
            return "Invalid value at 'message.notification.image': must be an https URL";
        }

        if (message.TryGetProperty("apns", out var apns) && apns.TryGetProperty("fcm_options", out var apnsOptions)
            && apnsOptions.TryGetProperty("image", out var apnsImage) && !IsHttps(apnsImage))
        {
            return "Invalid value at 'message.apns.fcm_options.image': must be an https URL";
        }

        if (message.TryGetProperty("fcm_options", out var options) && options.TryGetProperty("analytics_label", out var label)
            && !AnalyticsLabel().IsMatch(label.GetString() ?? ""))
        {
            return "Invalid value at 'message.fcm_options.analytics_label': at most 50 characters of [a-zA-Z0-9-_.~%]";
        }

        if (message.TryGetProperty("android", out var android))
        {
            if (android.TryGetProperty("ttl", out var ttl) && !Duration().IsMatch(ttl.GetString() ?? ""))
            {
                return "Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration)";
            }

            if (android.TryGetProperty("priority", out var priority) && priority.GetString() is not ("high" or "normal"))
            {
                return "Invalid value at 'message.android.priority'";
            }
        }

        var payload = Encoding.UTF8.GetByteCount(message.GetRawText()) - Encoding.UTF8.GetByteCount(message.GetProperty(Targets.First(t => message.TryGetProperty(t, out _))).GetRawText());
        return payload > MaxPayloadBytes ? $"Message is too big ({payload} bytes); the limit is {MaxPayloadBytes}." : null;
    }

    private static bool IsHttps(JsonElement url) =>
        Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    [GeneratedRegex(@"^[a-zA-Z0-9\-_.~%]{1,50}$")]
    private static partial Regex AnalyticsLabel();

    [GeneratedRegex(@"'[a-zA-Z0-9\-_.~%]+' in topics")]
    private static partial Regex TopicInCondition();

    [GeneratedRegex(@"^\d+(\.\d{1,9})?s$")]
    private static partial Regex Duration();
}
