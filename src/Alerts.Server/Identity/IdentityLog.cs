namespace Alerts.Server.Identity;

internal static partial class IdentityLog
{
    [LoggerMessage(11000, LogLevel.Information, "{Person} signed in with no role: no line of Alerts:Identity:Roles matches their claims")]
    public static partial void NoRole(ILogger logger, string person);

    [LoggerMessage(11001, LogLevel.Warning, "Sign-in refused: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string reason);
}
