using Alerts.Server.Hosting.RateLimiting;
using Alerts.Server.Hubs;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.Limits;

/// <summary>Kestrel's connection limits and the per-address bound on live connections (<see cref="LimitsOptions"/>).</summary>
internal static class LimitsExtensions
{
    private const string StreamPrefix = "/api/v1/editions/";
    private const string StreamSuffix = "/stream";

    public static IServiceCollection AddAlertsLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimits>();
        services.AddSingleton<AddressConnections>();
        return services;
    }

    /// <summary>
    /// Counts the requests that hold a live connection (the hub's transports, direct or negotiated,
    /// and the event stream) per client address while they last, and refuses one past the bound with
    /// <c>429</c>. After the forwarded headers (the reader's address, not the proxy's) and before the
    /// direct hub's branch, which every other middleware comes after.
    /// </summary>
    public static IApplicationBuilder UseAlertsConnectionLimits(this IApplicationBuilder app)
    {
        var connections = app.ApplicationServices.GetRequiredService<AddressConnections>();
        return app.UseWhen(IsLive, live => live.Use(async (context, next) =>
        {
            var address = ClientAddress.Of(context);
            if (!connections.TryOpen(address))
            {
                context.Response.Headers.RetryAfter = "5";
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many live connections from this address.",
                    detail: "Close a connection, or retry in 5 s.").ExecuteAsync(context);
                return;
            }

            try
            {
                await next(context);
            }
            finally
            {
                connections.Close(address);
            }
        }));
    }

    /// <summary>A request that lasts as long as a reader stays: a GET of the hub (any transport) or of an edition's stream.</summary>
    private static bool IsLive(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return false;
        }

        var path = context.Request.Path.Value ?? "";
        return path.Equals(AlertsHub.Path, StringComparison.Ordinal)
            || (path.StartsWith(StreamPrefix, StringComparison.Ordinal) && path.EndsWith(StreamSuffix, StringComparison.Ordinal));
    }
}
