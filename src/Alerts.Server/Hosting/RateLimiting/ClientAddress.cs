namespace Alerts.Server.Hosting.RateLimiting;

/// <summary>The reader's address, as the forwarded-headers middleware left it: behind a trusted proxy, the one the proxy saw.</summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
