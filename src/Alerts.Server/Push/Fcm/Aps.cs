namespace Alerts.Server.Push.Fcm;

/// <summary>The <c>aps</c> dictionary; <see cref="CustomData"/> carries keys this type does not name, as FirebaseAdmin's does.</summary>
internal sealed record Aps
{
    public string? ThreadId { get; init; }

    public string? Sound { get; init; }

    public bool ContentAvailable { get; init; }

    /// <summary>Lets the app's Notification Service Extension change the notification (attach the image, report receipt).</summary>
    public bool MutableContent { get; init; }

    public IReadOnlyDictionary<string, string>? CustomData { get; init; }
}
