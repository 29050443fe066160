using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Validation;
using Alerts.Server.Push.Targets;
using Alerts.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alerts.Server.WebPush;

/// <summary>The public Web Push API: the key to subscribe with, and a browser's subscription as a device registration.</summary>
internal static class WebPushEndpoints
{
    public const string ServiceWorkerPath = "/push-sw.js";

    // Imported by publishers' workers from their own origins; like the ticker, a fix spreads within the hour.
    private const string WorkerCacheControl = "public, max-age=3600, stale-while-revalidate=86400";

    public static IEndpointRouteBuilder MapWebPushEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/push/web", GetKeyAsync).WithName("GetWebPushKey").RequireCors(CorsPolicies.Public);
        routes.MapMethods(ServiceWorkerPath, [HttpMethods.Get, HttpMethods.Head], GetServiceWorker).WithName("GetPushServiceWorker")
            .ExcludeFromDescription();
        return routes;
    }

    public static ClientAssetResult GetServiceWorker(HttpContext context, ClientAssets assets)
    {
        // importScripts from a worker on the publisher's origin, which may isolate itself with Cross-Origin-Embedder-Policy.
        context.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        return new ClientAssetResult(assets["push-sw.js"], WorkerCacheControl);
    }

    public static async Task<Ok<WebPushKeyResponse>> GetKeyAsync(VapidKeyStore keys, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new WebPushKeyResponse((await keys.GetAsync(cancellationToken)).PublicKeyText, ServiceWorkerPath));
    }

    /// <summary>Whether a <c>POST /api/v1/devices</c> body is a browser's Web Push subscription rather than an FCM token.</summary>
    public static bool IsSubscription(JsonElement body) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty("subscription", out _);

    /// <summary>
    /// Reads a Web Push registration: the subscription checked here, everything else (platform, edition, sections,
    /// regions, urgency, quiet hours) by the phones' rules, with the subscription's id as its token.
    /// </summary>
    public static WebPushDevice? Read(JsonElement body, Func<JsonElement, ValidationErrors, DeviceRegistration?> readDevice, IOptions<WebPushOptions> options, ValidationErrors errors)
    {
        var subscription = WebPushSubscriptionRequest.Read(body.GetProperty("subscription"), new AllowedHosts(options.Value.AllowedHostsInForce), errors);
        var rest = JsonNode.Parse(body.GetRawText())!.AsObject();
        rest.Remove("subscription");
        if (rest.ContainsKey("token"))
        {
            errors.Add("token", "is not sent with a Web Push subscription: the subscription is the device.");
        }

        if (rest["platform"]?.GetValueKind() != JsonValueKind.String || rest["platform"]!.GetValue<string>() != "web")
        {
            errors.Add("platform", "must be web with a Web Push subscription.");
        }

        rest["token"] = subscription?.Id ?? WebPushSubscription.IdPrefix;
        using var document = JsonDocument.Parse(rest.ToJsonString());
        var device = readDevice(document.RootElement, errors);
        return errors.IsEmpty && device is not null && subscription is not null ? new WebPushDevice(device, subscription) : null;
    }
}
