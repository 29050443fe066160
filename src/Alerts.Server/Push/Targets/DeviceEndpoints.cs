using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Web;
using Alerts.Server.WebPush;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Targets;

/// <summary>The public device API: register or update a phone, and unregister it.</summary>
internal static class DeviceEndpoints
{
    public const string RateLimitPolicy = "devices";

    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder routes)
    {
        var devices = routes.MapGroup("/api/v1/devices").RequireRateLimiting(RateLimitPolicy);
        // Browsers register their Web Push subscriptions from publishers' pages, on any origin.
        devices.MapPost("/", RegisterAsync).WithName("RegisterDevice").RequireCors(CorsPolicies.Public)
            .Accepts<DeviceRegistrationRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage);
        devices.MapDelete("/{token}", UnregisterAsync).WithName("UnregisterDevice")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    public static async Task<Results<Ok<DeviceRegistration>, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, Taxonomy taxonomy, DeviceRegistry registry, TopicMirror mirror, WebPushRegistry webPush, IOptions<WebPushOptions> webPushOptions,
        RegistrationCap cap, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var errors = new ValidationErrors();
            if (WebPushEndpoints.IsSubscription(body.Root))
            {
                if (WebPushEndpoints.Read(body.Root, (json, e) => DeviceRequest.Read(json, taxonomy, time.GetUtcNow(), e), webPushOptions, errors) is not { } browser)
                {
                    return Problems.Validation(errors);
                }

                return await webPush.RegisterAsync(browser, cancellationToken)
                    ? TypedResults.Ok(browser.Registration)
                    : RegistrationCapProblem.For(cap.Limit);
            }

            if (DeviceRequest.Read(body.Root, taxonomy, time.GetUtcNow(), errors) is not { } device)
            {
                return Problems.Validation(errors);
            }

            var write = await registry.RegisterAsync(device, cancellationToken);
            if (write.Refused)
            {
                return RegistrationCapProblem.For(cap.Limit);
            }

            await mirror.EnqueueAsync(device.Token, device.Topics(), write.Previous?.Topics() ?? [], cancellationToken);
            return TypedResults.Ok(device);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnregisterAsync(
        string token, DeviceRegistry registry, TopicMirror mirror, WebPushRegistry webPush, CancellationToken cancellationToken)
    {
        if (WebPushSubscription.IsId(token))
        {
            await webPush.RemoveAsync(token, cancellationToken);
            return TypedResults.NoContent();
        }

        if (!DeviceRequest.IsToken(token))
        {
            return Problems.Validation("token", "is not an FCM registration token.");
        }

        if (await registry.RemoveAsync(token, cancellationToken) is { } removed)
        {
            await mirror.EnqueueAsync(token, [], removed.Topics(), cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
