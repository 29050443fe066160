namespace Alerts.Server.Outbox;

internal static class OutboxExtensions
{
    /// <summary>The one log consumer; features add their outlets as <see cref="IOutletSet"/> singletons.</summary>
    public static IServiceCollection AddAlertsOutbox(this IServiceCollection services)
    {
        services.AddSingleton<OutboxKeys>();
        services.AddSingleton<OutboxCursors>();
        services.AddSingleton<OutboxDeliveryLog>();
        services.AddSingleton<OutletReach>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
