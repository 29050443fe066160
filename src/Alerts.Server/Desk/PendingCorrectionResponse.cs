using Alerts.Core.Alerts;

namespace Alerts.Server.Desk;

/// <summary>
/// A correction that waits (or ended without being applied), as the API shows it: the published alert's id, the
/// changed fields, and who wrote them. <see cref="Kind"/> tells it from a waiting submission in the desk's list.
/// </summary>
internal sealed record PendingCorrectionResponse(
    string Id,
    string Edition,
    AlertStatus Status,
    WaitingKind Kind,
    IReadOnlyDictionary<string, object?> Correction,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<string> EditedBy)
{
    public static PendingCorrectionResponse Of(PendingCorrection pending, AlertStatus status)
    {
        var changed = new Dictionary<string, object?>(StringComparer.Ordinal);
        var correction = pending.Correction;
        Add(changed, "headline", correction.Headline);
        if (correction.UrlSent)
        {
            changed["url"] = correction.Url;
        }

        Add(changed, "urgency", correction.Urgency);
        Add(changed, "sections", correction.Sections);
        Add(changed, "regions", correction.Regions);
        Add(changed, "push", correction.Push);
        return new PendingCorrectionResponse(
            pending.AlertId, pending.Edition, status, WaitingKind.Correction, changed, pending.SubmittedBy, pending.SubmittedAt, pending.EditedBy);
    }

    private static void Add(Dictionary<string, object?> changed, string name, object? value)
    {
        if (value is not null)
        {
            changed[name] = value;
        }
    }
}
