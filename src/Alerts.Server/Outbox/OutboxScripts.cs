using Alerts.Server.Hosting;

namespace Alerts.Server.Outbox;

/// <summary>The cursor's Lua scripts (embedded <c>.lua</c> files); only commands Garnet 2.2 and Redis 7 both run.</summary>
internal static class OutboxScripts
{
    public static string Hold { get; } = EmbeddedScript.Load("outbox/hold.lua");

    public static string Release { get; } = EmbeddedScript.Load("outbox/release.lua");

    public static string Advance { get; } = EmbeddedScript.Load("outbox/advance.lua");

    public static string Retry { get; } = EmbeddedScript.Load("outbox/retry.lua");

    public static string Progress { get; } = EmbeddedScript.Load("outbox/progress.lua");
}
