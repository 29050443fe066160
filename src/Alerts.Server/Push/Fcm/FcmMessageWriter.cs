using System.Globalization;
using System.Text.Json;
using Alerts.Server.Push.Fcm.Wire;

namespace Alerts.Server.Push.Fcm;

/// <summary>
/// Writes a <see cref="Message"/> as the FCM HTTP v1 <c>messages:send</c> body: mapped to the wire records
/// (field names as Google documents them) and serialized by source-generated System.Text.Json.
/// </summary>
internal static class FcmMessageWriter
{
    public static byte[] WriteSendRequest(Message message, bool validateOnly = false) =>
        JsonSerializer.SerializeToUtf8Bytes(new SendRequest(validateOnly ? true : null, Wire(message, includeTarget: true)), FcmJson.Relaxed.SendRequest);

    /// <summary>The size of everything but the target: what FCM's 4,096-byte payload limit is checked against here.</summary>
    public static int PayloadBytes(Message message) =>
        JsonSerializer.SerializeToUtf8Bytes(Wire(message, includeTarget: false), FcmJson.Relaxed.WireMessage).Length;

    private static WireMessage Wire(Message message, bool includeTarget) => new(
        includeTarget ? message.Token : null,
        includeTarget ? message.Condition : null,
        message.Notification is { } n ? new WireNotification(n.Title, n.Body, n.ImageUrl) : null,
        message.Data,
        message.Android is { } android ? Wire(android) : null,
        message.Apns is { } apns ? Wire(apns) : null,
        message.Webpush is { } webpush ? Wire(webpush) : null,
        message.AnalyticsLabel is { } label ? new WireFcmOptions(AnalyticsLabel: label) : null);

    private static WireAndroid Wire(AndroidConfig android) => new(
        android.CollapseKey,
        android.Priority is { } priority ? (priority == Priority.High ? "high" : "normal") : null,
        android.TimeToLive is { } ttl ? ((long)Math.Max(0, Math.Ceiling(ttl.TotalSeconds))).ToString(CultureInfo.InvariantCulture) + "s" : null,
        android.Notification is { } n ? new WireAndroidNotification(n.Tag, n.ChannelId, n.Sound) : null);

    private static WireApns Wire(ApnsConfig apns) => new(
        apns.Headers,
        apns.Aps is { } aps
            ? new WireApnsPayload(new WireAps
            {
                ThreadId = aps.ThreadId,
                Sound = aps.Sound,
                ContentAvailable = aps.ContentAvailable ? 1 : null,
                MutableContent = aps.MutableContent ? 1 : null,
                Custom = aps.CustomData?.ToDictionary(c => c.Key, object (c) => c.Value),
            })
            : null,
        apns.ImageUrl is { } image ? new WireFcmOptions(Image: image) : null);

    private static WireWebpush Wire(WebpushConfig webpush) => new(
        webpush.Headers,
        webpush.Notification is { } n ? new WireWebpushNotification(n.Tag) : null,
        webpush.Link is { } link ? new WireFcmOptions(Link: link) : null);
}
