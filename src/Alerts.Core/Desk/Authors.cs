namespace Alerts.Core.Desk;

/// <summary>
/// Who wrote a waiting alert or correction, and so may not approve it: its submitter and everyone who edited it while it waited.
/// </summary>
/// <param name="SubmittedBy">The submitter's display name.</param>
/// <param name="EditedBy">The editors' display names.</param>
/// <param name="Submitter">The submitter's <see cref="KeyGrant.Who"/>; null for a record stored before it was kept, which is then judged by names.</param>
/// <param name="Editors">The editors' <see cref="KeyGrant.Who"/>.</param>
public sealed record Authors(string? SubmittedBy, IReadOnlyCollection<string> EditedBy, string? Submitter, IReadOnlyCollection<string> Editors)
{
    /// <summary>Whether <paramref name="grant"/> submitted it: the same person or key, whatever either is called now.</summary>
    public bool Submitted(KeyGrant grant) => Submitter is null ? SubmittedBy == grant.Name : Submitter == grant.Who;

    /// <summary>Whether <paramref name="grant"/> wrote any of it.</summary>
    public bool Wrote(KeyGrant grant) => Submitted(grant) || Edited(grant);

    private bool Edited(KeyGrant grant) => Submitter is null ? EditedBy.Contains(grant.Name) : Editors.Contains(grant.Who);
}
