using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.PublicAddress;

internal static class PublicAddressExtensions
{
    public static IServiceCollection AddAlertsPublicAddress(this IServiceCollection services)
    {
        services.AddOptions<PublicAddressOptions>().BindConfiguration(PublicAddressOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicAddressOptions>, PublicAddressRules>();
        services.AddSingleton<PublicOrigin>();
        return services;
    }
}
