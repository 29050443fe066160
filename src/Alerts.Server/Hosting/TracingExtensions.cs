using Alerts.Server.Hubs.Direct;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Alerts.Server.Hosting;

internal static class TracingExtensions
{
    /// <summary>The standard OpenTelemetry variable; the OTLP exporter reads it (and its siblings) itself.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OpenTelemetry tracing of requests and of the server's own spans (<see cref="AlertsTracing"/>),
    /// exported over OTLP only when <see cref="OtlpEndpointSetting"/> is set; without it no tracer is
    /// registered and spans cost nothing.
    /// </summary>
    public static WebApplicationBuilder AddAlertsTracing(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("alerts"))
            .WithTracing(tracing => tracing
                .AddSource(AlertsTracing.SourceName)
                // A direct hub connection is a request that lasts hours: its span would reach the
                // exporter only when the client leaves, and its tags would stay under every idle
                // connection until then. Not traced; the Activity itself is Hosting's and stays.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path) && !DirectHub.Accepts(context))
                .AddOtlpExporter());
        return builder;
    }

    // Orchestrators and scrapers call these every few seconds; a trace of each is noise.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(MetricsEndpoints.Path);
}
