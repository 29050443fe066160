using Alerts.Core.Desk;
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

    /// <summary>The submitter's <see cref="KeyGrant.Who"/>, which the two-person rule compares; null in a record stored before it was kept.</summary>
    public string? Submitter { get; init; }

    /// <summary>The editors' <see cref="KeyGrant.Who"/>, as <see cref="EditedBy"/> holds their names.</summary>
    public IReadOnlyList<string> Editors { get; init; } = [];

    /// <summary>Who wrote it, for the two-person rule.</summary>
    public Authors AuthorsOf() => new(SubmittedBy, EditedBy, Submitter, Editors);

    /// <summary>The same with <paramref name="editor"/> among its authors, unless they already are.</summary>
    public IReadOnlyList<string> EditedByWith(KeyGrant editor) => AuthorsOf().Wrote(editor) ? EditedBy : [.. EditedBy, editor.Name];

    /// <inheritdoc cref="EditedByWith"/>
    public IReadOnlyList<string> EditorsWith(KeyGrant editor) => AuthorsOf().Wrote(editor) ? Editors : [.. Editors, editor.Who];
}
