using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Alerts.Server.Hosting.RateLimiting;

/// <summary>What a client that went over its quota reads: when to come back, and the quota it went over.</summary>
internal static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var quota = policy is null ? null : context.RequestServices.GetKeyedService<PerAddressQuota>(policy);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : quota?.Window ?? TimeSpan.FromMinutes(1);
        var seconds = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = seconds;
        if (quota is not null)
        {
            // draft-ietf-httpapi-ratelimit-headers: the policy's quota and window, and what remains of it until when.
            context.Response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{quota.Policy}\";q={quota.PermitLimit};w={(long)quota.Window.TotalSeconds}");
            context.Response.Headers["RateLimit"] = $"\"{quota.Policy}\";r=0;t={seconds}";
        }

        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests from this address.",
            detail: $"Retry in {seconds} s.").ExecuteAsync(context);
    }
}
