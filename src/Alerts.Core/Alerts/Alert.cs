namespace Alerts.Core.Alerts;

/// <summary>One breaking line as it stands after its latest event.</summary>
public sealed record Alert
{
    /// <summary>Server-assigned, time-sortable (ULID).</summary>
    public required string Id { get; init; }

    public required string Edition { get; init; }

    /// <summary>Plain text, NFC-normalised, 1–280 characters; empty (and omitted from JSON) in a retracted alert's <see cref="PublicView"/>.</summary>
    public string Headline { get; init; } = "";

    public string? Url { get; init; }

    /// <summary>An absolute https URL of a picture shown in push notifications.</summary>
    public string? Image { get; init; }

    public Urgency Urgency { get; init; } = Urgency.Breaking;

    public IReadOnlyList<string> Sections { get; init; } = [];

    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Whether phones are notified too.</summary>
    public bool Push { get; init; }

    /// <summary>Links the versions of one story across editions; chosen by the newsroom.</summary>
    public string? StoryId { get; init; }

    public AlertStatus Status { get; init; } = AlertStatus.Published;

    /// <summary>The name of the API key that published the alert; empty (and omitted from JSON) in a retracted alert's <see cref="PublicView"/>.</summary>
    public string Author { get; init; } = "";

    public required DateTimeOffset PublishedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the line leaves the ticker.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>1 when published, then +1 per correction.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Why the alert was retracted; set only on retraction. For editors only.</summary>
    public string? RetractionReason { get; init; }

    /// <summary>When a scheduled alert is to be published (UTC); set only on alerts that waited for it.</summary>
    public DateTimeOffset? PublishAt { get; init; }

    /// <summary>The key that submitted an alert that waited before publication.</summary>
    public string? SubmittedBy { get; init; }

    /// <summary>The key that approved an alert that waited for a second person.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>What readers are told about a retraction, if anything; set only on retraction.</summary>
    public string? PublicNote { get; init; }

    /// <summary>
    /// What the public may read: the alert itself, or once retracted only its identity, status,
    /// version, times, taxonomy and <see cref="PublicNote"/>. A retraction removes the content
    /// (headline, url, image, reason, author) from every public read; editors keep the full record.
    /// A field of content added later must be cleared here too.
    /// </summary>
    public Alert PublicView() => Status != AlertStatus.Retracted
        ? this
        : this with { Headline = "", Url = null, Image = null, Author = "", RetractionReason = null };

    /// <summary>Whether a ticker shows this line at <paramref name="now"/>.</summary>
    public bool IsOnTicker(DateTimeOffset now) => Status != AlertStatus.Retracted && ExpiresAt > now;
}
