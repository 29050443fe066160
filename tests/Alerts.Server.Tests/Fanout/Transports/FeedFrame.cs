using System.Text.Json;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>
/// What a client received, whatever the transport: an <c>alert</c> (its event's seq and epoch) or a
/// <c>reset</c> (the seq and epoch its events continue after, and the ticker's alert ids).
/// </summary>
public sealed record FeedFrame(bool IsReset, string Edition, long Seq, string? Epoch, IReadOnlyList<string> AlertIds)
{
    public static FeedFrame Read(bool isReset, JsonElement data) => isReset
        ? new FeedFrame(true, data.GetProperty("edition").GetString()!, data.GetProperty("latestSeq").GetInt64(), EpochOf(data),
            [.. data.GetProperty("ticker").EnumerateArray().Select(alert => alert.GetProperty("id").GetString()!)])
        : new FeedFrame(false, data.GetProperty("edition").GetString()!, data.GetProperty("seq").GetInt64(), EpochOf(data),
            [data.GetProperty("alert").GetProperty("id").GetString()!]);

    private static string? EpochOf(JsonElement data) =>
        data.TryGetProperty("epoch", out var epoch) && epoch.ValueKind == JsonValueKind.String ? epoch.GetString() : null;
}
