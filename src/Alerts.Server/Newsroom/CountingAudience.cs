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
/// devices. The edition must exist (404) and be one the key may act on (the audited 403) before anything is counted.
/// </summary>
internal sealed class CountingAudience(
    Taxonomy taxonomy, AlertRules rules, LiveReaders readers, IDeviceAudience devices, PushStatus push, TimeProvider time, DeskGuard guard)
{
    // The probe only carries what targeting reads; the rules still validate every field by name.
    private const string ProbeHeadline = "audience";
    private const string ProbeId = "audience";

    public async Task<ReadResult<AudienceResponse>> CountAsync(AudienceCommand command, CancellationToken cancellationToken)
    {
        if (!taxonomy.Editions.ContainsKey(command.Edition))
        {
            return new(Problems.UnknownEdition(command.Edition, taxonomy));
        }

        if (await guard.CheckEditionAsync(command.User, command.Edition, null, "audience", cancellationToken) is { } refused)
        {
            return new(refused);
        }

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
        var now = UtcTimestampConverter.Truncate(time.GetUtcNow());
        if (rules.Publish(draft, ProbeId, DeskGuard.GrantOf(command.User).Name, now, errors) is not { } probe)
        {
            return new(Problems.Validation(errors));
        }

        var live = readers.CountAsync(command.Edition, cancellationToken);
        var reached = devices.CountAsync(probe, cancellationToken);
        await Task.WhenAll(live, reached);
        return new(new AudienceResponse(
            command.Edition,
            probe.Sections,
            probe.Regions,
            probe.Urgency,
            live.Result.Readers,
            live.Result.Nodes,
            new DeviceAudienceResponse(devices.Mode, push.IsEnabled, reached.Result)));
    }
}
