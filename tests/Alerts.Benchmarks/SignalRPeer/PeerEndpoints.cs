using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace SignalRPeer;

/// <summary>
/// The peer's ingest: take a seq from Redis (the least a real system stores), wrap the posted alert
/// in an event of Alerts' shape, and let the backplane carry it with <c>Clients.Group(...).SendAsync</c>.
/// </summary>
internal static class PeerEndpoints
{
    public static async Task<IResult> PublishAsync(HttpRequest request, IHubContext<PeerHub> hub, IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        var alert = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken);
        var edition = alert.GetProperty("edition").GetString()!;
        var seq = await redis.GetDatabase().StringIncrementAsync($"peer-signalr:seq:{edition}");
        var alertEvent = new { seq, type = "published", edition, at = DateTime.UtcNow, alert };
        await hub.Clients.Group($"edition:{edition}").SendAsync("alert", alertEvent, cancellationToken);
        return TypedResults.Created($"/api/v1/alerts/{seq}", alertEvent);
    }
}
