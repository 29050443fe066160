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
/// What publishing a body would do, without doing it, through the <see cref="Gate"/>: the edition the body names (a key sees
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
    private AlertRules Rules { get; } = rules;

    private AlertIdGenerator Ids { get; } = ids;

    private Taxonomy Taxonomy { get; } = taxonomy;

    private PushPreviewer Push { get; } = push;

    private TimeProvider Time { get; } = time;

    private DuplicateGuard Duplicates { get; } = duplicates;

    private LiveReaders Readers { get; } = readers;

    private IDeviceAudience Devices { get; } = devices;

    private PushStatus PushStatus { get; } = pushStatus;

    private NewsDesk Desk { get; } = desk;

    private DeskGuard Guard { get; } = guard;

    public Task<ReadResult<PreviewResponse>> PreviewAsync(PreviewCommand command, CancellationToken cancellationToken) =>
        JudgeAsync(command.User, command.Body, sendToTestDevices: false, cancellationToken);

    /// <summary>The preview, and with <paramref name="sendToTestDevices"/> its push sent to the test devices; the refusal names which was tried.</summary>
    public Task<ReadResult<PreviewResponse>> JudgeAsync(ClaimsPrincipal user, RequestBody body, bool sendToTestDevices, CancellationToken cancellationToken) =>
        Gate.RunAsync(new Steps(this, user, body, sendToTestDevices), cancellationToken);

    private sealed class Steps(Previewing use, ClaimsPrincipal user, RequestBody body, bool sendToTestDevices) : GateSteps<ReadResult<PreviewResponse>>
    {
        private Alert _alert = null!;
        private DateTimeOffset _now;

        private KeyGrant Grant => DeskGuard.GrantOf(user);

        /// <summary>The edition the body names, judged before the body is; one that does not exist is for validation to name.</summary>
        public override Task<ReadResult<PreviewResponse>?> AuthorizeAsync(CancellationToken cancellationToken) =>
            DraftFields.EditionNamedBy(body.Root, use.Taxonomy) is { } named
                ? OutsideEditionAsync(use.Guard, user, named, null, sendToTestDevices ? "test send" : "preview", cancellationToken)
                : Pass;

        public override Task<ReadResult<PreviewResponse>?> ValidateAsync(CancellationToken cancellationToken)
        {
            var errors = new ValidationErrors();
            var draft = DraftFields.Read(body.Root, errors, out _);
            _now = UtcTimestampConverter.Truncate(use.Time.GetUtcNow());
            if (use.Rules.Publish(draft, use.Ids.Next(_now), Grant.Name, _now, errors) is not { } alert)
            {
                return End(ReadResult<PreviewResponse>.Refused(Problems.Validation(errors)));
            }

            _alert = alert;
            return Pass;
        }

        /// <summary>Nothing is stored: the answer is each judgement of the alert the body would publish.</summary>
        public override async Task<ReadResult<PreviewResponse>?> StoreAsync(CancellationToken cancellationToken)
        {
            var edition = use.Taxonomy.Editions[_alert.Edition];
            var nearDuplicates = use.Duplicates.FindAsync(_alert.Edition, _alert.Headline, excludeId: null, cancellationToken);
            var live = use.Readers.CountAsync(_alert.Edition, cancellationToken);
            var reached = use.Devices.CountAsync(_alert, cancellationToken);
            var pushed = use.Push.PreviewAsync(_alert, sendToTestDevices, cancellationToken);
            await Task.WhenAll(nearDuplicates, live, reached, pushed);
            return new(new PreviewResponse
            {
                Alert = _alert,
                Ticker = new TickerLine(edition.Key, edition.BreakingLabel, edition.Direction, _alert.Headline, _alert.Url, _alert.Urgency.ToString().ToLowerInvariant()),
                Push = pushed.Result,
                NearDuplicates = nearDuplicates.Result,
                ApprovalRequired = use.Desk.Life.Submit(_alert, Grant.Role, publishAt: null, _now).Outcome == DeskOutcome.Wait,
                Audience = new PreviewAudience(live.Result.Readers, live.Result.Nodes, new DeviceAudienceResponse(use.Devices.Mode, use.PushStatus.IsEnabled, reached.Result)),
            });
        }
    }
}
