namespace Alerts.Server.Hosting.RateLimiting;

/// <summary>A named rate-limit policy: at most <paramref name="PermitLimit"/> requests per <paramref name="Window"/> from one client address.</summary>
internal sealed record PerAddressQuota(string Policy, int PermitLimit, TimeSpan Window);
