using System.Security.Claims;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Alerts.Server.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Desk;

/// <summary>
/// Checks a key against the edition it acts on, through ASP.NET Core's authorization service, and turns a
/// refusal into the one answer the contract asks for: <c>403</c> problem+json, nothing changed, an audit line.
/// </summary>
internal sealed class DeskGuard(
    IAuthorizationService authorization, RedisAuditTrail audit, TimeProvider time, IConnectionMultiplexer redis, DeskKeys keys, Taxonomy taxonomy,
    IOptions<AuditOptions> options)
{
    /// <summary>What a refusal's audit entry names as the edition when the request named one that does not exist.</summary>
    public const string UnknownEdition = "unknown";

    /// <summary>Null when the key may act on <paramref name="edition"/>; otherwise the 403 to answer, already audited.</summary>
    public async Task<ProblemHttpResult?> CheckEditionAsync(ClaimsPrincipal user, string edition, string? alertId, string attempt, CancellationToken cancellationToken) =>
        await MayActOnAsync(user, edition)
            ? null
            : await RefuseAsync(user, edition, alertId, $"{attempt}: the key may not act on edition '{edition}'.", cancellationToken);

    /// <summary>The same judgement without a refusal, for reads that show what lies outside the key's editions as the public sees it.</summary>
    public async Task<bool> MayActOnAsync(ClaimsPrincipal user, string edition) =>
        (await authorization.AuthorizeAsync(user, edition, Policies.Edition)).Succeeded;

    /// <summary>Audits a refused attempt and answers it with 403.</summary>
    public async Task<ProblemHttpResult> RefuseAsync(ClaimsPrincipal user, string? edition, string? alertId, string why, CancellationToken cancellationToken)
    {
        await RecordRefusalAsync(user, edition, alertId, why, cancellationToken);
        return Problems.Status(StatusCodes.Status403Forbidden, "This API key may not do that.", why);
    }

    /// <summary>
    /// Audits a refused attempt. The edition is the one the request named only when it exists (a name made up
    /// by the caller is <see cref="UnknownEdition"/>), and each key's refusals are kept up to
    /// <see cref="AuditOptions.RefusalsPerKeyPerMinute"/> a minute, so a caller cannot fill the audit log.
    /// </summary>
    public async Task RecordRefusalAsync(ClaimsPrincipal user, string? edition, string? alertId, string why, CancellationToken cancellationToken)
    {
        var actor = Actors.Of(user)?.Name ?? "anonymous";
        var now = time.GetUtcNow();
        var counter = keys.AuditedRefusals(actor, now.ToUnixTimeSeconds() / 60);
        var database = redis.GetDatabase();
        var count = await database.StringIncrementAsync(counter).WaitAsync(cancellationToken);
        if (count == 1)
        {
            await database.KeyExpireAsync(counter, TimeSpan.FromMinutes(2)).WaitAsync(cancellationToken);
        }

        if (count > options.Value.RefusalsPerKeyPerMinute)
        {
            return;
        }

        var named = edition is null || taxonomy.Editions.ContainsKey(edition) ? edition : UnknownEdition;
        await audit.RecordAsync(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = DeskAction.Refused,
            Edition = named,
            AlertId = alertId,
            Detail = why,
            Status = StatusCodes.Status403Forbidden,
        }, cancellationToken);
    }

    public static KeyGrant GrantOf(ClaimsPrincipal user) =>
        KeyClaims.GrantOf(user) ?? throw new InvalidOperationException("The endpoint must require an authenticated key.");
}
