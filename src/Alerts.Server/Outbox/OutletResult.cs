namespace Alerts.Server.Outbox;

/// <summary>An outlet's answer for one attempt; <paramref name="Status"/> is the receiver's HTTP status, null when none came.</summary>
internal sealed record OutletResult(OutletOutcome Outcome, int? Status = null, string? Error = null, long DurationMs = 0, TimeSpan? RetryAfter = null)
{
    public static OutletResult LeaseLost { get; } = new(OutletOutcome.LeaseLost);
}
