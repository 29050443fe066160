using System.Security.Claims;
using Alerts.Core.Desk;
using Alerts.Server.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Desk;

/// <summary>
/// Checks a key against the edition it acts on, through ASP.NET Core's authorization service, and turns a
/// refusal into the one answer the contract asks for: <c>403</c> problem+json, nothing changed, an audit line.
/// </summary>
internal sealed class DeskGuard(IAuthorizationService authorization, RedisAuditTrail audit, TimeProvider time)
{
    /// <summary>Null when the key may act on <paramref name="edition"/>; otherwise the 403 to answer, already audited.</summary>
    public async Task<ProblemHttpResult?> CheckEditionAsync(ClaimsPrincipal user, string edition, string? alertId, string attempt, CancellationToken cancellationToken)
    {
        var result = await authorization.AuthorizeAsync(user, edition, Policies.Edition);
        return result.Succeeded
            ? null
            : await RefuseAsync(user, edition, alertId, $"{attempt}: the key may not act on edition '{edition}'.", cancellationToken);
    }

    /// <summary>Audits a refused attempt and answers it with 403.</summary>
    public async Task<ProblemHttpResult> RefuseAsync(ClaimsPrincipal user, string? edition, string? alertId, string why, CancellationToken cancellationToken)
    {
        await RecordRefusalAsync(user, edition, alertId, why, cancellationToken);
        return Problems.Status(StatusCodes.Status403Forbidden, "This API key may not do that.", why);
    }

    public async Task RecordRefusalAsync(ClaimsPrincipal user, string? edition, string? alertId, string why, CancellationToken cancellationToken) =>
        await audit.RecordAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = user.Identity?.Name ?? "anonymous",
            Action = DeskAction.Refused,
            Edition = edition,
            AlertId = alertId,
            Detail = why,
            Status = StatusCodes.Status403Forbidden,
        }, cancellationToken);

    public static KeyGrant GrantOf(ClaimsPrincipal user) =>
        KeyClaims.GrantOf(user) ?? throw new InvalidOperationException("The endpoint must require an authenticated key.");
}
