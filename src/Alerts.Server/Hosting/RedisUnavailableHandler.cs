using Microsoft.AspNetCore.Diagnostics;
using StackExchange.Redis;

namespace Alerts.Server.Hosting;

/// <summary>
/// Answers 503 with <c>Retry-After</c> when Redis cannot be reached in time. A request that timed out
/// may still have been applied; a client retrying with the same <c>Idempotency-Key</c> gets the first result.
/// </summary>
internal sealed class RedisUnavailableHandler(IProblemDetailsService problems, ILogger<RedisUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        HostingLog.RedisUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The alert store is unavailable.",
                Detail = exception is ReplicasNotReachedException
                    ? exception.Message
                    : "Redis could not be reached in time. Retry with the same Idempotency-Key; nothing is lost by retrying.",
            },
        });
    }

    /// <summary>
    /// Besides a lost connection: the errors a Redis gives while it fails over. A demoted primary answers
    /// READONLY until the client follows the switch, a Cluster answers CLUSTERDOWN or TRYAGAIN while a
    /// slot moves, a replica still loading its data answers LOADING.
    /// </summary>
    private static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or ReplicasNotReachedException => true,
        RedisServerException server => FailoverErrors.Any(prefix => server.Message.StartsWith(prefix, StringComparison.Ordinal)),
        _ => false,
    };

    private static readonly string[] FailoverErrors = ["READONLY", "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS"];
}
