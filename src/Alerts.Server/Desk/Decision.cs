using Alerts.Core.Alerts;
using Alerts.Core.Desk;

namespace Alerts.Server.Desk;

/// <summary>
/// One way a waiting alert's wait ended, or a step of it a submitter waits to hear about: approved, rejected,
/// cancelled, expired, or published after it waited. <see cref="Alert"/> is the record as an editor sees it
/// (null once the audit outlived it).
/// </summary>
internal sealed record Decision
{
    public required long Seq { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    public required DeskAction Action { get; init; }

    public required string AlertId { get; init; }

    public required string Edition { get; init; }

    public string? Detail { get; init; }

    public Alert? Alert { get; init; }
}
