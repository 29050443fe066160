namespace Alerts.Server.WebPush;

/// <summary>A subscription held back from an alert for its quiet hours.</summary>
internal sealed record WebPushHold(string AlertId, string SubscriptionId)
{
    private const char Separator = '|';

    /// <summary>The member of the held set: neither an alert id nor a subscription id contains the separator.</summary>
    public string Member => $"{AlertId}{Separator}{SubscriptionId}";

    public static WebPushHold Parse(string member)
    {
        var at = member.IndexOf(Separator, StringComparison.Ordinal);
        return new WebPushHold(member[..at], member[(at + 1)..]);
    }
}
