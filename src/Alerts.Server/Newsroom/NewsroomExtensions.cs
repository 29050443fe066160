namespace Alerts.Server.Newsroom;

internal static class NewsroomExtensions
{
    public static IServiceCollection AddAlertsNewsroom(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyGate>();
        services.AddSingleton<Publishing>();
        services.AddSingleton<Correcting>();
        services.AddSingleton<Previewing>();
        services.AddSingleton<TestSending>();
        services.AddSingleton<ReadingStory>();
        services.AddSingleton<CountingAudience>();
        return services;
    }
}
