using Alerts.Server.Hosting.RateLimiting;
using Alerts.Server.Push.Fcm;
using Alerts.Server.Outbox;
using Alerts.Server.Push.Receipts;
using Alerts.Server.Push.Sending;
using Alerts.Server.Push.Targets;
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
        // An item fails as a whole only when FCM refuses the credentials: tried again a minute later.
        services.AddOutletOptions(FcmOutlet.OutletName, PushOptions.SectionName, outlet =>
        {
            outlet.FirstRetryDelay = TimeSpan.FromMinutes(1);
            outlet.MaxRetryDelay = TimeSpan.FromMinutes(5);
        });
        services.AddSingleton<PushStatus>();
        services.AddSingleton<FcmCredentials>();
        services.AddSingleton<IFirebaseMessaging, FcmHttpClient>();
        services.AddSingleton<PushKeys>();
        services.AddSingleton<PushDeliveryStore>();
        services.AddSingleton<PushMessages>();
        services.AddSingleton<RedisWindowRateLimiter>();
        services.AddSingleton<PushSender>();
        services.AddSingleton<PushPreviewer>();
        services.AddSingleton<FcmPageSender>();
        services.AddSingleton<FcmOutlet>();
        services.AddSingleton<IOutletSet>(sp => sp.GetRequiredService<FcmOutlet>());
        services.AddSingleton<TopicTargets>();
        services.AddSingleton<DeviceTargets>();
        services.AddSingleton<IPushTargets>(sp => sp.GetRequiredService<IOptions<PushOptions>>().Value.Mode == PushMode.Devices
            ? sp.GetRequiredService<DeviceTargets>()
            : sp.GetRequiredService<TopicTargets>());
        services.AddSingleton<RegistrationCap>();
        services.AddSingleton<DeviceRegistry>();
        services.AddHostedService<DeviceLayoutUpgrade>();
        services.AddPerAddressRateLimit(DeviceEndpoints.RateLimitPolicy, sp => sp.GetRequiredService<IOptions<PushOptions>>().Value.RegistrationsPerMinute);
        services.AddSingleton<RegistrationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrationSweeper>());
        services.AddSingleton<ReceiptStore>();
        services.AddSingleton<OutletReports>();
        services.AddPerAddressRateLimit(ReceiptEndpoints.RateLimitPolicy, sp => sp.GetRequiredService<IOptions<PushOptions>>().Value.ReceiptsPerMinute);
        services.AddSingleton<TopicMirror>();
        services.AddHostedService(sp => sp.GetRequiredService<TopicMirror>());
        return services;
    }

    public static IEndpointRouteBuilder MapPushEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapDeliveryEndpoints().MapDeviceEndpoints().MapReceiptEndpoints();
}
