using StackExchange.Redis;

namespace Alerts.Server.Hosting;

/// <summary>
/// Follows a primary that was demoted while its connections stayed open (<c>SENTINEL FAILOVER</c>, a
/// manual switch): the multiplexer keeps sending writes there and gets <c>READONLY</c> until it next
/// re-reads the topology, which took about ten seconds. The first <c>READONLY</c> makes it re-read at once.
/// </summary>
internal sealed class RoleChangeWatch
{
    /// <summary>A burst of refused writes asks for one re-read, not one each.</summary>
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly ConnectionMultiplexer _multiplexer;
    private long _lastReconfigure;

    private RoleChangeWatch(ConnectionMultiplexer multiplexer)
    {
        _multiplexer = multiplexer;
        multiplexer.ErrorMessage += OnErrorMessage;
    }

    public static void Watch(ConnectionMultiplexer multiplexer) => _ = new RoleChangeWatch(multiplexer);

    private void OnErrorMessage(object? sender, RedisErrorEventArgs e)
    {
        if (!e.Message.StartsWith("READONLY", StringComparison.Ordinal))
        {
            return;
        }

        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastReconfigure);
        if (now - last < MinimumInterval.TotalMilliseconds || Interlocked.CompareExchange(ref _lastReconfigure, now, last) != last)
        {
            return;
        }

        _ = _multiplexer.ConfigureAsync();
    }
}
