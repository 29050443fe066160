namespace Alerts.Server.Identity;

/// <summary>A person as the newsroom's provider last described them at sign-in; a key bound to them acts under this name.</summary>
internal sealed record Person(string Id, string Name, string? Email, DateTimeOffset SignedInAt);
