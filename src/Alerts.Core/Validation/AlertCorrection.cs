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

    public bool ChangesNothing =>
        Headline is null && !UrlSent && Urgency is null && Sections is null && Regions is null;
}
