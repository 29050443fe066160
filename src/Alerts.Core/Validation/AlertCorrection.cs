namespace Alerts.Core.Validation;

/// <summary>
/// The fields an editor changes in a correction. Null means "unchanged", except for the URL,
/// where <see cref="UrlSent"/> tells a removed link (sent as null) from an untouched one.
/// </summary>
public sealed record AlertCorrection
{
    public string? Headline { get; init; }

    public bool UrlSent { get; init; }

    public string? Url { get; init; }

    public string? Urgency { get; init; }

    public IReadOnlyList<string>? Sections { get; init; }

    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>Whether phones are notified of the correction (replacing the shown notification).</summary>
    public bool? Push { get; init; }

    /// <summary>This correction with <paramref name="later"/> applied on top: what an edit of a waiting correction makes of it.</summary>
    public AlertCorrection Then(AlertCorrection later) => new()
    {
        Headline = later.Headline ?? Headline,
        UrlSent = UrlSent || later.UrlSent,
        Url = later.UrlSent ? later.Url : Url,
        Urgency = later.Urgency ?? Urgency,
        Sections = later.Sections ?? Sections,
        Regions = later.Regions ?? Regions,
        Push = later.Push ?? Push,
    };

    public bool ChangesNothing =>
        Headline is null && !UrlSent && Urgency is null && Sections is null && Regions is null;
}
