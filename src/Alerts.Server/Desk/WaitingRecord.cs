using Alerts.Core.Alerts;
using Alerts.Core.Desk;

namespace Alerts.Server.Desk;

/// <summary>
/// A waiting (or ended-unpublished) alert as the desk stores it. While <see cref="Releasing"/>, the alert
/// holds exactly what goes into the log, so a node that takes over a crashed release publishes the same thing.
/// </summary>
internal sealed record WaitingRecord
{
    public required Alert Alert { get; init; }

    /// <summary>When it was submitted; the approval timeout runs from here.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The submitter overrode the near-duplicate guard; approval does not ask again.</summary>
    public bool AllowDuplicate { get; init; }

    /// <summary>Everyone who edited it while it waited: with the submitter, those who may not approve it.</summary>
    public IReadOnlyList<string> EditedBy { get; init; } = [];

    /// <summary>The submitter's <see cref="KeyGrant.Who"/>, which the two-person rule compares; null in a record stored before it was kept.</summary>
    public string? Submitter { get; init; }

    /// <summary>The editors' <see cref="KeyGrant.Who"/>, as <see cref="EditedBy"/> holds their names.</summary>
    public IReadOnlyList<string> Editors { get; init; } = [];

    /// <summary>Who wrote it, for the two-person rule.</summary>
    public Authors AuthorsOf() => new(Alert.SubmittedBy, EditedBy, Submitter, Editors);

    /// <summary>The same with <paramref name="editor"/> among its authors, unless they already are.</summary>
    public IReadOnlyList<string> EditedByWith(KeyGrant editor) => AuthorsOf().Wrote(editor) ? EditedBy : [.. EditedBy, editor.Name];

    /// <inheritdoc cref="EditedByWith"/>
    public IReadOnlyList<string> EditorsWith(KeyGrant editor) => AuthorsOf().Wrote(editor) ? Editors : [.. Editors, editor.Who];

    /// <summary>Claimed for publication: the next step appends it to the log.</summary>
    public bool Releasing { get; init; }

    /// <summary>Who caused the publication under way (the event's <c>actor</c>).</summary>
    public string? ReleasedBy { get; init; }
}
