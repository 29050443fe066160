namespace Alerts.Server.Newsroom;

internal static class NewsroomExtensions
{
    public static IServiceCollection AddAlertsNewsroom(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyGate>();
        services.AddSingleton<Publishing>();
        services.AddSingleton<Correcting>();
        return services;
    }
}
