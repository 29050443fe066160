using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Judgement;
using Alerts.Server.Push;

namespace Alerts.Server.Newsroom;

/// <summary>
/// Who an alert of an edition with this targeting would reach: live ticker readers on every node and registered
/// devices, through the <see cref="Gate"/>. The edition must exist (404) and be one the key may act on (the audited
/// 403) before anything is counted.
/// </summary>
internal sealed class CountingAudience(
    Taxonomy taxonomy, AlertRules rules, LiveReaders readers, IDeviceAudience devices, PushStatus push, TimeProvider time, DeskGuard guard)
{
    // The probe only carries what targeting reads; the rules still validate every field by name.
    private const string ProbeHeadline = "audience";
    private const string ProbeId = "audience";

    private Taxonomy Taxonomy { get; } = taxonomy;

    private AlertRules Rules { get; } = rules;

    private LiveReaders Readers { get; } = readers;

    private IDeviceAudience Devices { get; } = devices;

    private PushStatus Push { get; } = push;

    private TimeProvider Time { get; } = time;

    private DeskGuard Guard { get; } = guard;

    public Task<ReadResult<AudienceResponse>> CountAsync(AudienceCommand command, CancellationToken cancellationToken) =>
        Gate.RunAsync(new Steps(this, command), cancellationToken);

    private sealed class Steps(CountingAudience use, AudienceCommand command) : GateSteps<ReadResult<AudienceResponse>>
    {
        private Alert _probe = null!;

        /// <summary>The edition counted must exist.</summary>
        public override Task<ReadResult<AudienceResponse>?> LoadAsync(CancellationToken cancellationToken) =>
            use.Taxonomy.Editions.ContainsKey(command.Edition) ? Pass : End(ReadResult<AudienceResponse>.Refused(Problems.UnknownEdition(command.Edition, use.Taxonomy)));

        public override Task<ReadResult<AudienceResponse>?> AuthorizeAsync(CancellationToken cancellationToken) =>
            OutsideEditionAsync(use.Guard, command.User, command.Edition, null, "audience", cancellationToken);

        public override Task<ReadResult<AudienceResponse>?> ValidateAsync(CancellationToken cancellationToken)
        {
            var errors = new ValidationErrors();
            var draft = new AlertDraft
            {
                Edition = command.Edition,
                Headline = ProbeHeadline,
                Urgency = command.Urgency,
                Sections = command.Sections,
                Regions = command.Regions,
                Push = true,
            };
            var now = UtcTimestampConverter.Truncate(use.Time.GetUtcNow());
            if (use.Rules.Publish(draft, ProbeId, DeskGuard.GrantOf(command.User).Name, now, errors) is not { } probe)
            {
                return End(ReadResult<AudienceResponse>.Refused(Problems.Validation(errors)));
            }

            _probe = probe;
            return Pass;
        }

        /// <summary>Nothing is stored: the answer is the count of readers and devices the probe would reach.</summary>
        public override async Task<ReadResult<AudienceResponse>?> StoreAsync(CancellationToken cancellationToken)
        {
            var live = use.Readers.CountAsync(command.Edition, cancellationToken);
            var reached = use.Devices.CountAsync(_probe, cancellationToken);
            await Task.WhenAll(live, reached);
            return new(new AudienceResponse(
                command.Edition,
                _probe.Sections,
                _probe.Regions,
                _probe.Urgency,
                live.Result.Readers,
                live.Result.Nodes,
                new DeviceAudienceResponse(use.Devices.Mode, use.Push.IsEnabled, reached.Result)));
        }
    }
}
