using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Alerts.Server.Push.Fcm;

/// <summary>Writes a <see cref="Message"/> as the FCM HTTP v1 <c>messages:send</c> body (field names as Google documents them).</summary>
internal static class FcmMessageWriter
{
    // The default encoder escapes every non-ASCII character, which would triple an Arabic headline's bytes against the 4 KB limit.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] WriteSendRequest(Message message, bool validateOnly = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (validateOnly)
            {
                json.WriteBoolean("validate_only", true);
            }

            json.WritePropertyName("message");
            WriteMessage(json, message, includeTarget: true);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The size of everything but the target: what FCM's 4,096-byte payload limit is checked against here.</summary>
    public static int PayloadBytes(Message message)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteMessage(json, message, includeTarget: false);
        }

        return buffer.WrittenCount;
    }

    private static void WriteMessage(Utf8JsonWriter json, Message message, bool includeTarget)
    {
        json.WriteStartObject();
        if (includeTarget)
        {
            WriteIfSet(json, "token", message.Token);
            WriteIfSet(json, "condition", message.Condition);
        }

        if (message.Notification is { } notification)
        {
            json.WriteStartObject("notification");
            WriteIfSet(json, "title", notification.Title);
            WriteIfSet(json, "body", notification.Body);
            WriteIfSet(json, "image", notification.ImageUrl);
            json.WriteEndObject();
        }

        WriteMap(json, "data", message.Data);
        if (message.Android is { } android)
        {
            WriteAndroid(json, android);
        }

        if (message.Apns is { } apns)
        {
            WriteApns(json, apns);
        }

        if (message.Webpush is { } webpush)
        {
            WriteWebpush(json, webpush);
        }

        if (message.AnalyticsLabel is not null)
        {
            json.WriteStartObject("fcm_options");
            json.WriteString("analytics_label", message.AnalyticsLabel);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteWebpush(Utf8JsonWriter json, WebpushConfig webpush)
    {
        json.WriteStartObject("webpush");
        WriteMap(json, "headers", webpush.Headers);
        if (webpush.Notification is { } notification)
        {
            json.WriteStartObject("notification");
            WriteIfSet(json, "tag", notification.Tag);
            json.WriteEndObject();
        }

        if (webpush.Link is not null)
        {
            json.WriteStartObject("fcm_options");
            json.WriteString("link", webpush.Link);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteAndroid(Utf8JsonWriter json, AndroidConfig android)
    {
        json.WriteStartObject("android");
        WriteIfSet(json, "collapse_key", android.CollapseKey);
        if (android.Priority is { } priority)
        {
            json.WriteString("priority", priority == Priority.High ? "high" : "normal");
        }

        if (android.TimeToLive is { } ttl)
        {
            var seconds = (long)Math.Max(0, Math.Ceiling(ttl.TotalSeconds));
            json.WriteString("ttl", seconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        if (android.Notification is { } notification)
        {
            json.WriteStartObject("notification");
            WriteIfSet(json, "tag", notification.Tag);
            WriteIfSet(json, "channel_id", notification.ChannelId);
            WriteIfSet(json, "sound", notification.Sound);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteApns(Utf8JsonWriter json, ApnsConfig apns)
    {
        json.WriteStartObject("apns");
        WriteMap(json, "headers", apns.Headers);
        if (apns.Aps is { } aps)
        {
            json.WriteStartObject("payload");
            json.WriteStartObject("aps");
            WriteIfSet(json, "thread-id", aps.ThreadId);
            WriteIfSet(json, "sound", aps.Sound);
            if (aps.ContentAvailable)
            {
                json.WriteNumber("content-available", 1);
            }

            if (aps.MutableContent)
            {
                json.WriteNumber("mutable-content", 1);
            }

            foreach (var (key, value) in aps.CustomData ?? new Dictionary<string, string>())
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (apns.ImageUrl is not null)
        {
            json.WriteStartObject("fcm_options");
            json.WriteString("image", apns.ImageUrl);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            return;
        }

        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
