namespace Alerts.LoadGen;

/// <summary>
/// One server process: resident memory before any client, once all are connected, after the idle
/// settle and at the end; CPU (percent of one core) while connecting, while idle (the settle), and while alerts flowed, and
/// the CPU seconds of the latter.
/// </summary>
internal sealed record ServerResult(
    int Pid, double RssBeforeMb, double RssConnectedMb, double RssIdleMb, double RssEndMb, double IdleBytesPerConnection, double CpuConnectPercent, double CpuIdlePercent, double CpuPublishPercent, double CpuPublishSeconds);
