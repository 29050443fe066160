namespace Alerts.Server.Push;

/// <summary>A registration token as logs show it: enough to tell tokens apart, not enough to send to one.</summary>
internal static class LoggedToken
{
    private const int Shown = 8;

    /// <summary>The token cut short; a topics-mode target (a condition over public topic names) is shown whole.</summary>
    public static string Of(string target) =>
        target.Contains(" in topics", StringComparison.Ordinal) ? target
        : target.Length <= Shown ? "…"
        : $"{target[..Shown]}… ({target.Length} chars)";
}
