namespace Alerts.LoadGen;

/// <summary>
/// Wall-clock microseconds since the Unix epoch: the publisher and the worker processes are on the
/// same machine, so one clock serves them all and a post's time can travel inside the alert itself.
/// </summary>
internal static class Clock
{
    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
}
