using Alerts.Core.Desk;
using Alerts.Server.Hosting;
using Alerts.Server.Judgement;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Desk;

internal static class DeskExtensions
{
    public static IServiceCollection AddAlertsDesk(this IServiceCollection services)
    {
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidator>();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>();

        services.AddSingleton(sp =>
        {
            var approval = sp.GetRequiredService<IOptions<ApprovalOptions>>().Value;
            return new WaitingLife(approval.Rule, approval.Timeout, sp.GetRequiredService<IOptions<AlertsOptions>>().Value.TickerTtl);
        });
        services.AddSingleton<DeskKeys>();
        services.AddSingleton<RedisWaitingAlerts>();
        services.AddSingleton<RedisPendingCorrections>();
        services.AddSingleton<RedisAuditTrail>();
        services.AddSingleton<RedisDecisions>();
        services.AddSingleton<NewsDesk>();
        services.AddSingleton<IWindowLines, WaitingWindowLines>();
        services.AddSingleton<DeskGuard>();
        services.AddHostedService<DeskScheduler>();

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalAuditingResultHandler>();
        return services;
    }
}
