namespace Alerts.Server.Tests.Desk;

/// <summary>The system clock moved by <see cref="Offset"/>, so a test can write entries as if long ago.</summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
