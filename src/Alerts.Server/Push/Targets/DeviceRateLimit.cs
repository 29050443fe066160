using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Targets;

/// <summary>The device endpoints are public: a fixed window of requests per client address keeps one client from filling the registry.</summary>
internal sealed class DeviceRateLimit(IOptions<PushOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RegistrationsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
