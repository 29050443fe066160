using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Hosting.RateLimiting;
using Alerts.Server.Web;
using Alerts.Server.WebPush;

namespace Alerts.Server.Push.Receipts;

/// <summary>The public receipt API: apps report that a push arrived or was opened.</summary>
internal static class ReceiptEndpoints
{
    public const string RateLimitPolicy = "receipts";

    public static IEndpointRouteBuilder MapReceiptEndpoints(this IEndpointRouteBuilder routes)
    {
        // Any origin, as documented: the Web Push worker posts from the publisher's origin.
        routes.MapPost("/api/v1/receipts", RecordAsync).RequireRateLimiting(RateLimitPolicy).RequireCors(CorsPolicies.Public).WithName("RecordReceipt");
        return routes;
    }

    public static async Task<IResult> RecordAsync(HttpRequest request, ReceiptStore receipts, WebPushReceipts webReceipts, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var errors = new ValidationErrors();
            if (ReceiptRequest.Read(body.Root, ClientAddress.Of(request.HttpContext), errors) is not { } receipt)
            {
                return Problems.Validation(errors);
            }

            var recorded = WebPushReceipts.IsWebPush(receipt)
                ? await webReceipts.RecordAsync(receipt, cancellationToken)
                : await receipts.RecordAsync(receipt, cancellationToken);
            return recorded
                ? TypedResults.NoContent()
                : Problems.Status(StatusCodes.Status404NotFound, "No push of this alert is known.", $"Alert '{receipt.AlertId}' was not pushed, or its push record has expired.");
        }
    }
}
