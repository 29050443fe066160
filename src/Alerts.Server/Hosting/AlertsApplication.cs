using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.EventLog;
using Alerts.Server.Fanout;
using Alerts.Server.Hosting.ForwardedHeaders;
using Alerts.Server.Hosting.Limits;
using Alerts.Server.Hosting.PublicAddress;
using Alerts.Server.Hosting.RateLimiting;
using Alerts.Server.Hubs;
using Alerts.Server.Identity;
using Alerts.Server.Ingest;
using Alerts.Server.Newsroom;
using Alerts.Server.Judgement;
using Alerts.Server.Outbox;
using Alerts.Server.Push;
using Alerts.Server.Reference;
using Alerts.Server.Syndication;
using Alerts.Server.Web;
using Alerts.Server.WebPush;

namespace Alerts.Server.Hosting;

/// <summary>The whole server, feature by feature; tests build several of these in one process.</summary>
internal static class AlertsApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAlertsHosting();
        builder.Services
            .AddAlertsForwardedHeaders()
            .AddAlertsLimits()
            .AddAlertsPublicAddress()
            .AddAlertsRateLimiting()
            .AddAlertsMetrics()
            .AddAlertsEventLog()
            .AddAlertsApi()
            .AddAlertsIdentity()
            .AddAlertsNewsroom()
            .AddAlertsJudgement()
            .AddAlertsFanout()
            .AddAlertsHub()
            .AddAlertsWeb()
            .AddAlertsPush()
            .AddAlertsSyndication()
            .AddAlertsOutbox()
            .AddAlertsWebPush()
            .AddAlertsReference()
            .AddAlertsDesk();
        configure?.Invoke(builder);
        // After the caller's configuration, which may be what switches tracing on.
        builder.AddAlertsTracing();

        var app = builder.Build();
        app.UseAlertsForwardedHeaders();
        app.UseAlertsConnectionLimits();
        app.UseDirectHub();
        app.UseAlertsHosting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAlertsIdentity();
        app.UseAuthorization();
        app.UseAlertsRateLimiting();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapIngestEndpoints();
        app.MapJudgementEndpoints();
        app.MapAlertsWeb();
        app.MapAlertsHub();
        app.MapPushEndpoints();
        app.MapWebPushEndpoints();
        app.MapPreviewEndpoints();
        app.MapAlertsSyndication();
        app.MapAlertsReference();
        app.MapDeskEndpoints();
        app.MapAlertsIdentity();
        return app;
    }
}
