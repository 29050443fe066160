using Alerts.Core.Desk;

namespace Alerts.Server.Identity;

/// <summary>
/// An API key an admin made in the app, as Redis keeps it: its grant and bookkeeping, and only hashes of its
/// secrets. After a rotation the previous secret keeps working until <see cref="PreviousUntil"/>.
/// </summary>
internal sealed record ManagedKey
{
    public required string Name { get; init; }

    public required DeskRole Role { get; init; }

    /// <summary>The editions it may act on; null means every edition.</summary>
    public IReadOnlyList<string>? Editions { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The id (<c>sub</c>) of the person the key acts for, so the two-person rule sees one person behind a login and a key.</summary>
    public string? BoundTo { get; init; }

    /// <summary>
    /// The bound person's name when the key was made: the key acts under it, so the record names the person and the
    /// two-person rule, which compares names, sees one person behind their login and their key.
    /// </summary>
    public string? BoundName { get; init; }

    /// <summary>Lower-case hex SHA-256 of the current secret.</summary>
    public required string Sha256 { get; init; }

    public string? PreviousSha256 { get; init; }

    public DateTimeOffset? PreviousUntil { get; init; }

    public KeyGrant ToGrant() => new(BoundName ?? Name, Role, Editions?.ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether the secret hashing to <paramref name="sha256"/> opens this key at <paramref name="now"/>.</summary>
    public bool Opens(string sha256, DateTimeOffset now) =>
        (ExpiresAt is null || ExpiresAt > now)
        && (sha256 == Sha256 || (sha256 == PreviousSha256 && PreviousUntil > now));
}
