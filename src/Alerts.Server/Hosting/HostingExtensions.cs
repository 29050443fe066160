using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Storage;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting;

internal static class HostingExtensions
{
    /// <summary>Request bodies are small JSON documents; anything larger is refused with 413.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Connections the kernel may hold for the node before it accepts them: Linux's default somaxconn.</summary>
    public const int ListenBacklog = 4096;

    public static WebApplicationBuilder AddAlertsHosting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Garnet narrates its start-up at Information; keep its warnings and errors unless configured otherwise.
        builder.Logging.AddFilter(GarnetLoggerProvider.CategoryPrefix, LogLevel.Warning)
            // Its one warning at start says that its own logging options yield to ours: expected, not news.
            .AddFilter($"{GarnetLoggerProvider.CategoryPrefix}.ArgParser", LogLevel.Error);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        // After a deploy or a node's restart every reader reconnects at once. With Kestrel's 512 pending
        // connections, a node behind nginx dropped connects until nginx's 2 s connect timeout marked it
        // down and answered 502 (run.sh nodes, 18,000 readers per node); the kernel caps this at somaxconn.
        builder.WebHost.UseSockets(sockets => sockets.Backlog = ListenBacklog);

        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<AlertsOptions>, AlertsOptionsDefaults>();
        services.AddSingleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidator>();
        services.AddSingleton<IValidateOptions<AlertsOptions>, SlugRules>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AlertIdGenerator>();
        services.AddSingleton(sp => TaxonomyOf(sp.GetRequiredService<IOptions<AlertsOptions>>().Value));
        services.AddSingleton(sp => new AlertRules(sp.GetRequiredService<Taxonomy>(), sp.GetRequiredService<IOptions<AlertsOptions>>().Value.TickerTtl));

        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisRules>();
        services.AddAlertsEmbeddedStore();
        services.AddSingleton(RedisConnectionFactory.Connect);

        services.ConfigureHttpJsonOptions(json => AlertsJson.Configure(json.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<RedisUnavailableHandler>();
        return builder;
    }

    public static WebApplication UseAlertsHosting(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static Taxonomy TaxonomyOf(AlertsOptions options) => new(
        options.Editions.Select(e => new Edition(
            e.Key, e.Value.Name, e.Value.Language, e.Value.Direction == "rtl" ? TextDirection.Rtl : TextDirection.Ltr, e.Value.BreakingLabel)),
        options.Sections,
        options.Regions);

}
