namespace Alerts.Server.Hosting;

/// <summary>The body of <c>/readyz</c>.</summary>
internal sealed record ReadinessResponse(string Status, string Redis, double? RedisLatencyMs, string Push);
