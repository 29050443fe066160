using Alerts.Server.Hosting;

namespace Alerts.Server.EventLog;

/// <summary>
/// <c>Append.lua</c>, behind <see cref="RedisAlertLog.AppendAsync"/> (its keys and arguments are named at
/// the top of the file).
/// </summary>
internal static class AppendScript
{
    /// <summary>The event JSON starts with this placeholder; the script puts the real seq in its place.</summary>
    public const string SeqPlaceholder = "{\"seq\":0,";

    public static string Source { get; } = EmbeddedScript.Load("eventlog/Append.lua");
}
