using Alerts.Core.Validation;

namespace Alerts.Server.Desk;

/// <summary>
/// A correction of a published alert that the approval rule holds: the published version stays live until a
/// second person approves it (then it is applied to the alert as it is by then) or rejects it.
/// </summary>
internal sealed record PendingCorrection
{
    public required string AlertId { get; init; }

    public required string Edition { get; init; }

    /// <summary>The changed fields, every edit made while it waited merged in.</summary>
    public required AlertCorrection Correction { get; init; }

    public required string SubmittedBy { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Everyone who changed it while it waited: with the submitter, those who may not approve it.</summary>
    public IReadOnlyList<string> EditedBy { get; init; } = [];
}
