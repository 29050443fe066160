using Alerts.Server.Hosting;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>The webhook cursor's Lua scripts (embedded <c>.lua</c> files); only commands Garnet 2.2 and Redis 7 both run.</summary>
internal static class WebhookScripts
{
    public static string Hold { get; } = EmbeddedScript.Load("webhooks/hold.lua");

    public static string Release { get; } = EmbeddedScript.Load("webhooks/release.lua");

    public static string Advance { get; } = EmbeddedScript.Load("webhooks/advance.lua");

    public static string Retry { get; } = EmbeddedScript.Load("webhooks/retry.lua");
}
