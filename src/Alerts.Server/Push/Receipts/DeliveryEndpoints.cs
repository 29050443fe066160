using System.Globalization;
using System.Security.Claims;
using Alerts.Core.Alerts;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Fanout;
using Alerts.Server.Push.Sending;
using Alerts.Server.Push.Targets;
using Alerts.Server.WebPush;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Receipts;

/// <summary>The editors' view of how far an alert's pushes got.</summary>
internal static class DeliveryEndpoints
{
    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/alerts/{id}/delivery", GetAsync).RequireAuthorization(Policies.Editor).WithName("GetAlertDelivery")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, DeskGuard guard, IAlertLog log, PushDeliveryStore store, PushStatus status, FanoutRecorder fanout, ReceiptStore receipts,
        DeviceRegistry registry, IOptions<PushOptions> options, OutletReports outlets, WebPushReceipts webReceipts, CancellationToken cancellationToken)
    {
        if (await log.FindAsync(id, cancellationToken) is not { } found)
        {
            return Problems.AlertNotFound(id);
        }

        if (await guard.CheckEditionAsync(user, found.Alert.Edition, id, "delivery", cancellationToken) is { } refused)
        {
            return refused;
        }

        var hub = await fanout.ReadAsync(found.Alert.Edition, id, cancellationToken);
        var counters = await store.DeliveryAsync(id, cancellationToken);
        long Count(string name) => counters.TryGetValue(name, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
        DateTimeOffset? Time(string name) => counters.TryGetValue(name, out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(value, CultureInfo.InvariantCulture))
            : null;

        var (received, opened, onTime) = await receipts.CountAsync(id, cancellationToken);
        // Topics mode knows no targets of its own: the registered devices that match the alert stand in for them.
        var targeted = options.Value.Mode == PushMode.Devices || !counters.ContainsKey(DeliveryFields.FirstSentAt)
            ? Count(DeliveryFields.Audience)
            : await registry.CountWantingAsync(found.Alert, cancellationToken);
        var push = new PushDelivery(
            status.IsEnabled, Count("targets"), Count("accepted"), Count("failed"), Count("retried"), Count("pruned"), Count("held"), Count("capped"),
            Count(DeliveryFields.PendingJobs), Time(DeliveryFields.FirstSentAt), Time(DeliveryFields.LastSentAt),
            PushReceipts.Of(received, opened, onTime, targeted));
        var webPush = new WebPushDelivery(await webReceipts.ReadAsync(id, cancellationToken));
        return TypedResults.Ok(new DeliveryResponse(id, hub, push, webPush, await outlets.ReadAsync(found, hub, push, cancellationToken)));
    }
}
