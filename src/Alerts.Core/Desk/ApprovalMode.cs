namespace Alerts.Core.Desk;

/// <summary><c>Alerts:Approval:Mode</c>: who needs a second person before an alert goes out.</summary>
public enum ApprovalMode
{
    /// <summary>Every key publishes directly.</summary>
    Off,

    /// <summary>Alerts from <see cref="DeskRole.Editor"/> keys wait for a chief or admin.</summary>
    Editors,

    /// <summary>Every alert waits for a second key, whoever submitted it.</summary>
    TwoPerson,
}
