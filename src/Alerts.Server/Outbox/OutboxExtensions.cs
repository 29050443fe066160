using Alerts.Server.EventLog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Outbox;

internal static class OutboxExtensions
{
    /// <summary>The one log consumer; features add their outlets as <see cref="IOutletSet"/> singletons.</summary>
    public static IServiceCollection AddAlertsOutbox(this IServiceCollection services)
    {
        services.AddSingleton<OutboxKeys>();
        services.AddSingleton<OutboxCursors>();
        services.AddSingleton<OutboxDeliveryLog>();
        services.AddSingleton<OutletReach>();
        services.AddSingleton<OutboxWakeups>();
        services.AddSingleton<ILogAppendSignal>(sp => sp.GetRequiredService<OutboxWakeups>());
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>
    /// An outlet's lease, poll, retry and log settings: <see cref="OutletOptions"/> named <paramref name="name"/>, read
    /// from <paramref name="section"/> over the outlet's <paramref name="defaults"/>, validated at start.
    /// </summary>
    public static IServiceCollection AddOutletOptions(this IServiceCollection services, string name, string section, Action<OutletOptions> defaults)
    {
        services.AddOptions<OutletOptions>(name).Configure(defaults).BindConfiguration(section).ValidateOnStart();
        services.AddSingleton(new OutletSection(name, section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutletOptions>, OutletOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutletOptions>, OutletOptionsRules>());
        return services;
    }
}
