namespace Alerts.Core.Desk;

/// <summary>Who acted, as history and audit entries name them.</summary>
/// <param name="Kind">A person or a key.</param>
/// <param name="Id">The person's <c>sub</c> at the identity provider, or the key's name.</param>
/// <param name="Name">The display name, which the string fields (<c>actor</c>, <c>submittedBy</c>, <c>approvedBy</c>) carry.</param>
public sealed record Actor(ActorKind Kind, string Id, string Name);
