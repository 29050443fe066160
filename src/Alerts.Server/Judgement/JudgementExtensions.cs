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
        return services;
    }
}
