using System.Security.Claims;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Newsroom;
using Alerts.Server.Push;
using Alerts.Server.Push.Sending;

namespace Alerts.Server.Judgement;

/// <summary>
/// <c>POST /api/v1/alerts/preview</c>: what publishing a body would do, without doing it. Nothing is written;
/// only <c>?send=test</c> sends anything, and then only to <c>Alerts:Push:TestTokens</c>.
/// </summary>
internal static class PreviewEndpoints
{
    public static IEndpointRouteBuilder MapPreviewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/alerts/preview", PreviewAsync).RequireAuthorization(Policies.Editor).WithName("PreviewAlert");
        return routes;
    }

    public static async Task<IResult> PreviewAsync(
        HttpRequest request, ClaimsPrincipal user, AlertRules rules, AlertIdGenerator ids, Taxonomy taxonomy, PushPreviewer push, TimeProvider time,
        DuplicateGuard duplicates, LiveReaders readers, IDeviceAudience devices, PushStatus pushStatus, NewsDesk desk, DeskGuard guard,
        string? send, CancellationToken cancellationToken)
    {
        if (send is not (null or "test"))
        {
            return Problems.Validation("send", "must be 'test' (send the would-be push to the test devices) or absent.");
        }

        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            // A key sees the window of, and may send tests for, only the editions it may act on.
            var named = DraftFields.EditionNamedBy(body.Root, taxonomy);
            if (named is not null && await guard.CheckEditionAsync(user, named, null, send is null ? "preview" : "test send", cancellationToken) is { } refused)
            {
                return refused;
            }

            var errors = new ValidationErrors();
            var draft = DraftFields.Read(body.Root, errors, out _);
            var now = Alerts.Core.Serialization.UtcTimestampConverter.Truncate(time.GetUtcNow());
            if (rules.Publish(draft, ids.Next(now), DeskGuard.GrantOf(user).Name, now, errors) is not { } alert)
            {
                return Problems.Validation(errors);
            }

            var edition = taxonomy.Editions[alert.Edition];
            var nearDuplicates = duplicates.FindAsync(alert.Edition, alert.Headline, excludeId: null, cancellationToken);
            var live = readers.CountAsync(alert.Edition, cancellationToken);
            var reached = devices.CountAsync(alert, cancellationToken);
            var pushed = push.PreviewAsync(alert, send == "test", cancellationToken);
            await Task.WhenAll(nearDuplicates, live, reached, pushed);
            return TypedResults.Ok(new PreviewResponse
            {
                Alert = alert,
                Ticker = new TickerLine(edition.Key, edition.BreakingLabel, edition.Direction, alert.Headline, alert.Url, alert.Urgency.ToString().ToLowerInvariant()),
                Push = pushed.Result,
                NearDuplicates = nearDuplicates.Result,
                ApprovalRequired = desk.Life.Submit(alert, DeskGuard.GrantOf(user).Role, publishAt: null, now).Outcome == DeskOutcome.Wait,
                Audience = new PreviewAudience(live.Result.Readers, live.Result.Nodes, new DeviceAudienceResponse(devices.Mode, pushStatus.IsEnabled, reached.Result)),
            });
        }
    }
}
