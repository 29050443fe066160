using System.Globalization;
using System.Security.Claims;
using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Alerts.Server.Api;

namespace Alerts.Server.Desk;

/// <summary>
/// <c>GET /api/v1/decisions</c>: how waiting alerts turned out, for the editors who wait on them. The console
/// polls it with the cursor it was given, as it polls the waiting list: neither may travel on the public hub.
/// </summary>
internal static class DecisionEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>Without a cursor or a time, the list starts this far back: a shift's worth.</summary>
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromHours(12);

    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/decisions", ListAsync).RequireAuthorization(Policies.Editor).WithName("ListDecisions");
        return routes;
    }

    public static async Task<IResult> ListAsync(
        string? since, string? after, string? limit, string? edition, ClaimsPrincipal user, Taxonomy taxonomy, RedisDecisions decisions, DeskGuard guard,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        DateTimeOffset? sinceTime = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                sinceTime = parsed;
            }
            else
            {
                errors.Add("since", "must be an ISO-8601 time.");
            }
        }

        long? afterSeq = null;
        if (after is not null)
        {
            if (long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                afterSeq = parsed;
            }
            else
            {
                errors.Add("after", "must be a whole number (the 'next' of an earlier answer).");
            }
        }

        if (afterSeq is not null && sinceTime is not null)
        {
            errors.Add("since", "cannot be combined with 'after'.");
        }

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}.");
        }

        if (edition is not null && !taxonomy.Editions.ContainsKey(edition))
        {
            errors.Add("edition", $"'{edition}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (edition is not null && await guard.CheckEditionAsync(user, edition, null, "GET /api/v1/decisions", cancellationToken) is { } refused)
        {
            return refused;
        }

        var grant = DeskGuard.GrantOf(user);
        var cursor = afterSeq ?? await decisions.CursorAtAsync(sinceTime ?? time.GetUtcNow() - DefaultLookBack, cancellationToken);
        return TypedResults.Ok(await decisions.ReadAsync(cursor, count, e => grant.MayActOn(e) && (edition is null || e == edition), cancellationToken));
    }
}
