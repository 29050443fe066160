using Microsoft.Extensions.Options;
using Prometheus;

namespace Alerts.Server.Hosting;

internal static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IServiceCollection AddAlertsMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddHostedService<MetricsServer>();
        return services.AddSingleton<AlertsMetrics>();
    }

    /// <summary>
    /// Prometheus text format, on the public port only when no <see cref="MetricsOptions.Port"/> is
    /// set (development, single-node trials); with one, <see cref="MetricsServer"/> serves it there.
    /// </summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Port is null)
        {
            routes.MapMetrics(Path);
        }

        return routes;
    }
}
