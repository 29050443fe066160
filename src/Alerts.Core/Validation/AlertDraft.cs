namespace Alerts.Core.Validation;

/// <summary>What an editor sends to publish an alert, before validation. Null means "not sent".</summary>
public sealed record AlertDraft
{
    public string? Edition { get; init; }

    public string? Headline { get; init; }

    public string? Url { get; init; }

    public string? Image { get; init; }

    public string? Urgency { get; init; }

    public IReadOnlyList<string>? Sections { get; init; }

    public IReadOnlyList<string>? Regions { get; init; }

    public bool? Push { get; init; }

    public string? StoryId { get; init; }
}
