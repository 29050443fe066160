using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Fanout;

internal static class FanoutExtensions
{
    public static IServiceCollection AddAlertsFanout(this IServiceCollection services)
    {
        services.AddOptions<FanoutOptions>().BindConfiguration(FanoutOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FanoutOptions>, FanoutOptionsValidator>();
        services.AddSingleton<IRelayWork, UncountedRelayWork>();
        services.AddSingleton<EditionFeeds>();
        services.AddSingleton<LiveSubscriptions>();
        services.AddSingleton<FanoutRecorder>();
        services.AddSingleton<IFanoutRecorder>(sp => sp.GetRequiredService<FanoutRecorder>());
        services.AddSingleton<NodeIdentity>();
        services.AddHostedService<EventRelay>();
        return services;
    }
}
