using Microsoft.Extensions.Options;

namespace Alerts.Server.Judgement;

internal static class JudgementExtensions
{
    public static IServiceCollection AddAlertsJudgement(this IServiceCollection services)
    {
        services.AddOptions<DuplicateOptions>().BindConfiguration(DuplicateOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DuplicateOptions>, DuplicateOptionsValidator>();
        services.AddSingleton<FingerprintCache>();
        services.AddSingleton<IWindowLines, PublishedWindowLines>();
        services.AddSingleton<DuplicateGuard>();
        services.AddOptions<AudienceOptions>().BindConfiguration(AudienceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AudienceOptions>, AudienceOptionsValidator>();
        services.AddSingleton<JudgementKeys>();
        services.AddSingleton<LiveReaders>();
        services.AddSingleton<IDeviceAudience, RegistryDeviceAudience>();
        services.AddHostedService<ReaderHeartbeat>();
        services.AddSingleton<RedisStories>();
        return services;
    }

    public static IEndpointRouteBuilder MapJudgementEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapAudienceEndpoints().MapStoryEndpoints();
}
