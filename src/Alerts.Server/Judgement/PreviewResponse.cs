using Alerts.Core.Alerts;
using Alerts.Server.Push.Sending;

namespace Alerts.Server.Judgement;

/// <summary>
/// The body of <c>POST /api/v1/alerts/preview</c>. One property per judgement, each computed on its own, so a
/// new judgement (the audience, near-duplicates, whether approval is needed) is a new property beside these.
/// </summary>
internal sealed record PreviewResponse
{
    /// <summary>The alert as publishing the body now would make it.</summary>
    public required Alert Alert { get; init; }

    public required TickerLine Ticker { get; init; }

    public required PushPreview Push { get; init; }

    /// <summary>Lines in the window this headline nearly repeats, most similar first; POST would answer 409 unless <c>allowDuplicate</c>.</summary>
    public required IReadOnlyList<NearDuplicate> NearDuplicates { get; init; }

    public required PreviewAudience Audience { get; init; }

    /// <summary>Whether this key's POST of the body would wait for a second person (the desk's approval rule), not go out.</summary>
    public required bool ApprovalRequired { get; init; }
}
