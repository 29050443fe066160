namespace Alerts.Server.Newsroom;

internal static class NewsroomExtensions
{
    public static IServiceCollection AddAlertsNewsroom(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyGate>();
        services.AddSingleton<Publishing>();
        services.AddSingleton<Correcting>();
        services.AddSingleton<EditingWaiting>();
        services.AddSingleton<Retracting>();
        services.AddSingleton<RetractingStory>();
        services.AddSingleton<Deciding>();
        services.AddSingleton<DecidingCorrection>();
        services.AddSingleton<Previewing>();
        services.AddSingleton<TestSending>();
        services.AddSingleton<ReadingStory>();
        services.AddSingleton<CountingAudience>();
        return services;
    }
}
