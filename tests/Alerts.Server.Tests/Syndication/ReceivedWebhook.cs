using System.Text.Json;

namespace Alerts.Server.Tests.Syndication;

/// <summary>One request a <see cref="WebhookReceiver"/> got, and the status it answered.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string? ContentType, byte[] Body, int Status)
{
    public JsonElement Event => JsonDocument.Parse(Body).RootElement;

    public long Seq => Event.GetProperty("seq").GetInt64();
}
