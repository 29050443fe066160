namespace Alerts.Server.Syndication.Webhooks;

/// <summary>The webhook cursor's Lua scripts (embedded <c>.lua</c> files); only commands Garnet 2.2 and Redis 7 both run.</summary>
internal static class WebhookScripts
{
    public static string Hold { get; } = Read("hold.lua");

    public static string Release { get; } = Read("release.lua");

    public static string Advance { get; } = Read("advance.lua");

    public static string Retry { get; } = Read("retry.lua");

    private static string Read(string name)
    {
        using var stream = typeof(WebhookScripts).Assembly.GetManifestResourceStream($"webhooks/{name}")
            ?? throw new InvalidOperationException($"The embedded script webhooks/{name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
