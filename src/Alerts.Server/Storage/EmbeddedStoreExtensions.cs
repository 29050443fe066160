using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Storage;

internal static class EmbeddedStoreExtensions
{
    /// <summary>The embedded Garnet, started on first use: only when no Redis is configured.</summary>
    public static IServiceCollection AddAlertsEmbeddedStore(this IServiceCollection services)
    {
        services.AddOptions<EmbeddedStoreOptions>().BindConfiguration(EmbeddedStoreOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbeddedStoreOptions>, EmbeddedStoreOptionsValidator>();
        services.AddSingleton(sp => new EmbeddedGarnet(
            sp.GetRequiredService<IOptions<AlertsOptions>>().Value.DataDir,
            sp.GetRequiredService<IOptions<EmbeddedStoreOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
