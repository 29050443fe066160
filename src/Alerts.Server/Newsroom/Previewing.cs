using System.Security.Claims;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Judgement;
using Alerts.Server.Push;
using Alerts.Server.Push.Sending;

namespace Alerts.Server.Newsroom;

/// <summary>
/// What publishing a body would do, without doing it, in the gate's order: the edition the body names (a key sees
/// the window of, and sends tests for, only the editions it may act on), validation, then each judgement. Nothing is
/// written; only a test send (<see cref="TestSending"/>) sends anything, and then only to <c>Alerts:Push:TestTokens</c>.
/// </summary>
internal sealed class Previewing(
    AlertRules rules,
    AlertIdGenerator ids,
    Taxonomy taxonomy,
    PushPreviewer push,
    TimeProvider time,
    DuplicateGuard duplicates,
    LiveReaders readers,
    IDeviceAudience devices,
    PushStatus pushStatus,
    NewsDesk desk,
    DeskGuard guard)
{
    public Task<ReadResult<PreviewResponse>> PreviewAsync(PreviewCommand command, CancellationToken cancellationToken) =>
        JudgeAsync(command.User, command.Body, sendToTestDevices: false, cancellationToken);

    /// <summary>The preview, and with <paramref name="sendToTestDevices"/> its push sent to the test devices; the refusal names which was tried.</summary>
    public async Task<ReadResult<PreviewResponse>> JudgeAsync(ClaimsPrincipal user, RequestBody body, bool sendToTestDevices, CancellationToken cancellationToken)
    {
        // The edition the body names, judged before the body is; one that does not exist is for validation to name.
        var named = DraftFields.EditionNamedBy(body.Root, taxonomy);
        if (named is not null && await guard.CheckEditionAsync(user, named, null, sendToTestDevices ? "test send" : "preview", cancellationToken) is { } refused)
        {
            return new(refused);
        }

        var grant = DeskGuard.GrantOf(user);
        var errors = new ValidationErrors();
        var draft = DraftFields.Read(body.Root, errors, out _);
        var now = UtcTimestampConverter.Truncate(time.GetUtcNow());
        if (rules.Publish(draft, ids.Next(now), grant.Name, now, errors) is not { } alert)
        {
            return new(Problems.Validation(errors));
        }

        var edition = taxonomy.Editions[alert.Edition];
        var nearDuplicates = duplicates.FindAsync(alert.Edition, alert.Headline, excludeId: null, cancellationToken);
        var live = readers.CountAsync(alert.Edition, cancellationToken);
        var reached = devices.CountAsync(alert, cancellationToken);
        var pushed = push.PreviewAsync(alert, sendToTestDevices, cancellationToken);
        await Task.WhenAll(nearDuplicates, live, reached, pushed);
        return new(new PreviewResponse
        {
            Alert = alert,
            Ticker = new TickerLine(edition.Key, edition.BreakingLabel, edition.Direction, alert.Headline, alert.Url, alert.Urgency.ToString().ToLowerInvariant()),
            Push = pushed.Result,
            NearDuplicates = nearDuplicates.Result,
            ApprovalRequired = desk.Life.Submit(alert, grant.Role, publishAt: null, now).Outcome == DeskOutcome.Wait,
            Audience = new PreviewAudience(live.Result.Readers, live.Result.Nodes, new DeviceAudienceResponse(devices.Mode, pushStatus.IsEnabled, reached.Result)),
        });
    }
}
