using Alerts.Server.Hosting;

namespace Alerts.Server.EventLog;

/// <summary>The scripts that move an edition's confirmed seq (with <c>WaitReplicas</c>) and read what it covers, see <see cref="RedisAlertLog"/>.</summary>
internal static class ConfirmScripts
{
    public static string Confirm { get; } = EmbeddedScript.Load("eventlog/Confirm.lua");

    public static string MarkLatest { get; } = EmbeddedScript.Load("eventlog/MarkLatest.lua");

    public static string TickerSnapshot { get; } = EmbeddedScript.Load("eventlog/TickerSnapshot.lua");
}
