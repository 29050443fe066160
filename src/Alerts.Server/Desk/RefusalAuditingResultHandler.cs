using Alerts.Core.Alerts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Alerts.Server.Desk;

/// <summary>
/// Writes the audit line for a request the role policy refused (an editor approving, say) before the
/// default handler answers it with 403; the edition is that of the alert the route names, when there is one.
/// </summary>
internal sealed class RefusalAuditingResultHandler(DeskGuard guard, RedisWaitingAlerts waiting, IAlertLog log) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var alertId = context.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null;
            string? edition = context.Request.Query["edition"].FirstOrDefault();
            if (alertId is not null)
            {
                edition = (await waiting.FindAsync(alertId, context.RequestAborted))?.Record.Alert.Edition
                    ?? (await log.FindAsync(alertId, context.RequestAborted))?.Alert.Edition;
            }

            await guard.RecordRefusalAsync(context.User, edition, alertId,
                $"{context.Request.Method} {context.Request.Path}: the key's role may not do this.", context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
