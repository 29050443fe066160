using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push;

internal static class PushExtensions
{
    public static IServiceCollection AddAlertsPush(this IServiceCollection services)
    {
        services.AddOptions<FcmOptions>().BindConfiguration(FcmOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FcmOptions>, FcmOptionsValidator>();
        services.AddSingleton<IValidateOptions<FcmOptions>, FcmCredentialsRules>();
        services.AddOptions<PushOptions>().BindConfiguration(PushOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PushOptions>, PushOptionsValidator>();
        services.AddSingleton<PushStatus>();
        // Resolved only when push is enabled: building them reads the key file.
        services.AddSingleton<FcmCredentials>();
        services.AddSingleton<IFirebaseMessaging, FcmHttpClient>();
        return services;
    }

    public static IEndpointRouteBuilder MapPushEndpoints(this IEndpointRouteBuilder routes) => routes;
}
