using Alerts.Server.Push;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Alerts.Server.Hosting;

/// <summary>Liveness (the process answers) and readiness (Redis answers), kept apart for orchestrators.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).WithName("Healthz");
        routes.MapGet("/readyz", ReadyAsync).WithName("Readyz").Produces<ReadinessResponse>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>Unready answers name no host, port or library: the detail goes to the log, where operators look.</summary>
    public static async Task<Results<Ok<ReadinessResponse>, JsonHttpResult<ReadinessResponse>>> ReadyAsync(
        IConnectionMultiplexer redis, PushStatus push, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return TypedResults.Ok(new ReadinessResponse("ready", "ok", latency.TotalMilliseconds, Push: push.Describe()));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            HostingLog.NotReady(loggers.CreateLogger(typeof(HealthEndpoints).FullName!), e);
            return TypedResults.Json(new ReadinessResponse("unavailable", "unavailable", null, Push: push.Describe()), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
