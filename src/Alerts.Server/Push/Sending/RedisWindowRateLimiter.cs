using System.Threading.RateLimiting;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// The deployment-wide send rate, since FCM's quota is per project, not per node: every node counts
/// its sends in shared Redis windows of 100 ms, each allowing a tenth of <see cref="PushOptions.MessagesPerSecond"/>.
/// A node takes permits in chunks, so Redis sees one call per chunk, not per message; permits left
/// over when a window ends are dropped, so no window is ever overdrawn.
/// </summary>
internal sealed class RedisWindowRateLimiter : RateLimiter
{
    private static readonly string TakePermitsScript = EmbeddedScript.Load("push/take-permits.lua");

    private readonly IConnectionMultiplexer _redis;
    private readonly PushKeys _keys;
    private readonly TimeProvider _time;
    private readonly long _windowMs;
    private readonly long _perWindow;
    private readonly long _chunk;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _refill = new(1, 1);
    private long _window = -1;
    private long _available;

    public RedisWindowRateLimiter(IConnectionMultiplexer redis, PushKeys keys, IOptions<PushOptions> options, TimeProvider time)
    {
        _redis = redis;
        _keys = keys;
        _time = time;
        var perSecond = options.Value.MessagesPerSecond;
        _windowMs = perSecond >= 10 ? 100 : 1000;
        _perWindow = perSecond * _windowMs / 1000;
        _chunk = Math.Clamp(_perWindow / 20, 1, 500);
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        TryTake(CurrentWindow(), permitCount) ? SendPermit.Granted : SendPermit.Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            var window = CurrentWindow();
            if (TryTake(window, permitCount))
            {
                return SendPermit.Granted;
            }

            await _refill.WaitAsync(cancellationToken);
            try
            {
                window = CurrentWindow();
                if (TryTake(window, permitCount) || await RefillAsync(window, permitCount, cancellationToken))
                {
                    return SendPermit.Granted;
                }
            }
            finally
            {
                _refill.Release();
            }

            var untilNext = (window + 1) * _windowMs - _time.GetUtcNow().ToUnixTimeMilliseconds();
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, untilNext)), _time, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refill.Dispose();
        }

        base.Dispose(disposing);
    }

    private long CurrentWindow() => _time.GetUtcNow().ToUnixTimeMilliseconds() / _windowMs;

    private async Task<bool> RefillAsync(long window, int permitCount, CancellationToken cancellationToken)
    {
        var granted = (long)await _redis.GetDatabase()
            .ScriptEvaluateAsync(TakePermitsScript, [_keys.RateWindow(window)], [Math.Max(_chunk, permitCount), _perWindow, _windowMs * 20])
            .WaitAsync(cancellationToken);
        lock (_lock)
        {
            (_window, _available) = (window, granted);
        }

        return TryTake(window, permitCount);
    }

    private bool TryTake(long window, int permitCount)
    {
        lock (_lock)
        {
            if (_window != window || _available < permitCount)
            {
                return false;
            }

            _available -= permitCount;
            return true;
        }
    }
}
