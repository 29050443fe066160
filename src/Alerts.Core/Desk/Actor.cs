namespace Alerts.Core.Desk;

/// <summary>Who acted, as history and audit entries name them.</summary>
/// <param name="Kind">A person or a key.</param>
/// <param name="Id">The person's <c>sub</c> at the identity provider, or the key's name.</param>
/// <param name="Name">The display name, which the string fields (<c>actor</c>, <c>submittedBy</c>, <c>approvedBy</c>) carry.</param>
public sealed record Actor(ActorKind Kind, string Id, string Name)
{
    // A key's name and a person's id come from different namespaces; the prefix keeps a key named like someone's sub from passing as them.
    private const string PersonPrefix = "person:";

    /// <summary>For a key bound to a person, that person's <c>sub</c>.</summary>
    public string? Person { get; init; }

    /// <summary>
    /// Who acted, as the two-person rule must compare them: the person for a signed-in person or a key bound to one,
    /// otherwise the key. One person with a login and a key is one person.
    /// </summary>
    public string WhoActed() => Kind == ActorKind.Person ? PersonPrefix + Id : Person is { } person ? PersonPrefix + person : Id;
}
