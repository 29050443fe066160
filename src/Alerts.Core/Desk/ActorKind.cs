namespace Alerts.Core.Desk;

/// <summary>Who acted: a person signed in through the newsroom's identity provider, or an API key.</summary>
public enum ActorKind
{
    Key,
    Person,
}
