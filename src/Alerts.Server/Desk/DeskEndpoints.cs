using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Newsroom;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Desk;

/// <summary>The desk's endpoints: waiting alerts, approval, cancellation, history and the audit log.</summary>
internal static class DeskEndpoints
{
    public const int DefaultAuditLimit = 100;
    public const int MaxAuditLimit = 1000;

    public static IEndpointRouteBuilder MapDeskEndpoints(this IEndpointRouteBuilder routes)
    {
        var alerts = routes.MapGroup("/api/v1/alerts");
        alerts.MapGet("/", ListWaitingAsync).RequireAuthorization(Policies.Editor).WithName("ListWaitingAlerts");
        alerts.MapPost("/{id}/approve", ApproveAsync).RequireAuthorization(Policies.Approver).WithName("ApproveAlert");
        alerts.MapPost("/{id}/reject", RejectAsync).RequireAuthorization(Policies.Approver).WithName("RejectAlert");
        alerts.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(Policies.Editor).WithName("CancelAlert");
        alerts.MapGet("/{id}/history", GetHistoryAsync).RequireAuthorization(Policies.Editor).WithName("GetAlertHistory");
        routes.MapGet("/api/v1/audit", GetAuditAsync).RequireAuthorization(Policies.Approver).WithName("GetAudit");
        routes.MapDecisionEndpoints();
        return routes;
    }

    public static async Task<IResult> ListWaitingAsync(
        string? status, string? edition, ClaimsPrincipal user, Taxonomy taxonomy, RedisWaitingAlerts waiting, RedisPendingCorrections corrections, DeskGuard guard,
        IOptions<ApprovalOptions> approval,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AlertStatus[] statuses = status switch
        {
            null => [AlertStatus.Pending, AlertStatus.Scheduled],
            "pending" => [AlertStatus.Pending],
            "scheduled" => [AlertStatus.Scheduled],
            _ => [],
        };
        if (statuses.Length == 0)
        {
            errors.Add("status", "must be 'pending' or 'scheduled'.");
        }

        if (edition is not null && !taxonomy.Editions.ContainsKey(edition))
        {
            errors.Add("edition", $"'{edition}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (edition is not null && await guard.CheckEditionAsync(user, edition, null, "GET /api/v1/alerts", cancellationToken) is { } refused)
        {
            return refused;
        }

        var grant = DeskGuard.GrantOf(user);
        var items = new List<(string Id, JsonObject Item)>();
        foreach (var key in taxonomy.Editions.Keys.Where(e => (edition is null || e == edition) && grant.MayActOn(e)))
        {
            foreach (var record in (await waiting.ListAsync(key, cancellationToken)).Where(r => !r.Releasing && statuses.Contains(r.Alert.Status)))
            {
                var item = JsonSerializer.SerializeToNode(record.Alert, AlertsJson.Options)!.AsObject();
                item["kind"] = JsonSerializer.SerializeToNode(WaitingKind.Submission, AlertsJson.Options);
                items.Add((record.Alert.Id, item));
            }

            if (statuses.Contains(AlertStatus.Pending))
            {
                items.AddRange((await corrections.ListAsync(key, cancellationToken)).Select(c =>
                    (c.AlertId, JsonSerializer.SerializeToNode(PendingCorrectionResponse.Of(c, AlertStatus.Pending), AlertsJson.Options)!.AsObject())));
            }
        }

        return TypedResults.Ok(new WaitingAlertsResponse(
            items.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Item).ToList(), (long)approval.Value.Timeout.TotalSeconds));
    }

    public static async Task<IResult> ApproveAsync(string id, HttpResponse response, ClaimsPrincipal user, Deciding deciding, CancellationToken cancellationToken) =>
        (await deciding.DecideAsync(new DecideCommand(id, user, DeskAction.Approved), cancellationToken)).ToHttp(response);

    public static async Task<IResult> RejectAsync(string id, HttpRequest request, ClaimsPrincipal user, Deciding deciding, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            return (await deciding.DecideAsync(new DecideCommand(id, user, DeskAction.Rejected, body), cancellationToken)).ToHttp(request.HttpContext.Response);
        }
    }

    public static async Task<IResult> CancelAsync(string id, HttpResponse response, ClaimsPrincipal user, Deciding deciding, CancellationToken cancellationToken) =>
        (await deciding.DecideAsync(new DecideCommand(id, user, DeskAction.Cancelled), cancellationToken)).ToHttp(response);

    public static async Task<IResult> GetHistoryAsync(
        string id, ClaimsPrincipal user, RedisWaitingAlerts waiting, IAlertLog log, RedisAuditTrail audit, DeskGuard guard, CancellationToken cancellationToken)
    {
        var edition = (await waiting.FindAsync(id, cancellationToken))?.Record.Alert.Edition ?? (await log.FindAsync(id, cancellationToken))?.Alert.Edition;
        if (edition is null)
        {
            return Problems.AlertNotFound(id);
        }

        if (await guard.CheckEditionAsync(user, edition, id, "history", cancellationToken) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(new HistoryResponse(id, edition, await audit.ReadHistoryAsync(edition, id, cancellationToken)));
    }

    public static async Task<IResult> GetAuditAsync(
        string? edition, string? after, string? before, string? limit, string? actor, string? action,
        ClaimsPrincipal user, Taxonomy taxonomy, RedisAuditTrail audit, DeskGuard guard, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var afterSeq = ParseCursor(after, "after", errors);
        var beforeSeq = ParseCursor(before, "before", errors);
        var count = (int)(ParseCursor(limit, "limit", errors) ?? DefaultAuditLimit);
        if (count is < 1 or > MaxAuditLimit)
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxAuditLimit}.");
        }

        if (afterSeq is not null && beforeSeq is not null)
        {
            errors.Add("before", "cannot be combined with 'after'.");
        }

        if (edition is not null && !taxonomy.Editions.ContainsKey(edition))
        {
            errors.Add("edition", $"'{edition}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}.");
        }

        DeskAction? actionFilter = null;
        if (action is not null)
        {
            if (Enum.TryParse<DeskAction>(action, ignoreCase: true, out var parsed) && !int.TryParse(action, out _))
            {
                actionFilter = parsed;
            }
            else
            {
                errors.Add("action", $"'{action}' is not an action; known: {string.Join(", ", Enum.GetNames<DeskAction>().Select(n => n.ToLowerInvariant()))}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (edition is not null && await guard.CheckEditionAsync(user, edition, null, "audit", cancellationToken) is { } refused)
        {
            return refused;
        }

        var grant = DeskGuard.GrantOf(user);
        bool Visible(AuditEntry entry) =>
            (entry.Edition is null ? grant.HasAllEditions && edition is null : grant.MayActOn(entry.Edition) && (edition is null || entry.Edition == edition))
            && (actor is null || entry.Actor == actor)
            && (actionFilter is null || entry.Action == actionFilter);

        var (entries, latestSeq) = await audit.ReadAsync(afterSeq, beforeSeq, count, Visible, cancellationToken);
        return TypedResults.Ok(new AuditResponse(
            entries, entries.Count > 0 ? entries[^1].Seq : afterSeq, entries.Count > 0 ? entries[0].Seq : null, latestSeq));
    }

    private static long? ParseCursor(string? raw, string name, ValidationErrors errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(name, "must be a whole number.");
            return null;
        }

        return value;
    }
}
