using System.Globalization;
using Alerts.Core.Editions;
using Alerts.Server.Api;
using Alerts.Server.Fanout;
using Alerts.Server.Hubs;
using Alerts.Server.Web;

namespace Alerts.Server.Syndication;

/// <summary>
/// <c>GET /api/v1/editions/{edition}/stream</c>: an edition's events as Server-Sent Events, for
/// everything that is not a browser ticker (and for browsers, through <c>EventSource</c>). Each
/// frame's id is its position, <c>{epoch}:{seq}</c>, so <c>Last-Event-ID</c> resumes without a gap,
/// across restarts too (the log is durable); a position from another epoch, or none, begins with
/// <c>event: reset</c> (the ticker as it stands).
/// </summary>
internal static class StreamEndpoints
{
    /// <summary>Below the idle timeouts of common proxies (60 s) and load balancers.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/editions/{edition}/stream", StreamAsync).WithName("GetEventStream").RequireCors(CorsPolicies.Public);
        return routes;
    }

    public static async Task<IResult> StreamAsync(
        string edition, HttpContext context, Taxonomy taxonomy, LiveSubscriptions subscriptions, HubConnectionLimits limits, CancellationToken cancellationToken)
    {
        if (!subscriptions.IsKnown(edition))
        {
            return Problems.UnknownEdition(edition, taxonomy);
        }

        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        if (!TryReadPosition(lastEventId, out var epoch, out var afterSeq))
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Bad Last-Event-ID.", "Last-Event-ID must be an id this stream sent: '{epoch}:{seq}'.");
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        // Proxies that buffer (nginx) would hold every event back.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.Body.FlushAsync(cancellationToken);

        var connection = new StreamConnection(context, limits);
        try
        {
            // No position yet is the position "nothing, in no epoch": the reader starts with the ticker.
            await subscriptions.SubscribeAsync(connection, edition, afterSeq, epoch, cancellationToken);
            await connection.KeepOpenAsync(KeepAliveInterval, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SubscriptionRefusedException)
        {
            // The reader went away, or was disconnected for falling behind or asking too much.
        }
        finally
        {
            subscriptions.UnsubscribeAll(connection);
        }

        return TypedResults.Empty;
    }

    private static bool TryReadPosition(string lastEventId, out string epoch, out long afterSeq)
    {
        (epoch, afterSeq) = ("\0none", 0);
        if (lastEventId.Length == 0)
        {
            return true;
        }

        var colon = lastEventId.LastIndexOf(':');
        if (colon < 0 || !long.TryParse(lastEventId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            return false;
        }

        epoch = lastEventId[..colon];
        return true;
    }
}
