namespace Alerts.Server.Ingest;

internal static class IngestExtensions
{
    public static IServiceCollection AddAlertsIngest(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyGate>();
        return services;
    }
}
