namespace Alerts.Server.Identity;

/// <summary>One API key as admins see it: never its secret, except once in <see cref="Secret"/> when it is made or rotated.</summary>
internal sealed record KeyResponse
{
    public required string Name { get; init; }

    public required string Role { get; init; }

    /// <summary>The editions the key may act on; absent for every edition.</summary>
    public IReadOnlyList<string>? Editions { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public required KeySource Source { get; init; }

    public string? BoundTo { get; init; }

    /// <summary>The bound person's name, which the key's actions are recorded under.</summary>
    public string? ActsAs { get; init; }

    /// <summary>Until when the previous secret still works after a rotation.</summary>
    public DateTimeOffset? PreviousUntil { get; init; }

    public string? Secret { get; init; }
}
