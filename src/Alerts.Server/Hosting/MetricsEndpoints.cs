using Prometheus;

namespace Alerts.Server.Hosting;

internal static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IServiceCollection AddAlertsMetrics(this IServiceCollection services) =>
        services.AddSingleton<AlertsMetrics>();

    /// <summary>Prometheus text format. Public like <c>/healthz</c>; restrict it at the proxy where that matters.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapMetrics(Path);
        return routes;
    }
}
