using System.Globalization;
using Alerts.Core.Editions;
using Alerts.Server.Api;
using Alerts.Server.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>What admins see of a webhook: its recent attempts and where it stands in each edition.</summary>
internal static class WebhookEndpoints
{
    public const string AdminPolicy = "webhooks-admin";
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/webhooks/{name}/deliveries", GetDeliveriesAsync).RequireAuthorization(AdminPolicy).WithName("GetWebhookDeliveries")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<WebhookDeliveriesResponse>, ProblemHttpResult>> GetDeliveriesAsync(
        string name, string? limit, IOptions<WebhooksOptions> webhooks, IOptionsMonitor<OutletOptions> delivery, OutboxDeliveryLog deliveries,
        OutboxCursors cursors, Taxonomy taxonomy, CancellationToken cancellationToken)
    {
        if (!webhooks.Value.Webhooks.TryGetValue(name, out var webhook))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such webhook.", $"'{name}' is not a configured webhook.");
        }

        var max = delivery.Get(WebhookOutlets.OptionsName).DeliveryLogLength;
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > max))
        {
            return Problems.Validation("limit", $"must be a whole number from 1 to {max}.");
        }

        var attempts = await deliveries.ReadAsync(WebhookOutlet.OutletName(name), count, cancellationToken);
        var positions = await cursors.ReadAsync(WebhookOutlet.OutletName(name), webhook.EditionsIn(taxonomy), cancellationToken);
        return TypedResults.Ok(new WebhookDeliveriesResponse(name, webhook.Url!.ToString(), positions, attempts));
    }
}
