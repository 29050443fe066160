namespace Alerts.Server.Push.Targets;

/// <summary>The next targets of a job after a cursor.</summary>
/// <param name="Targets">Tokens or conditions to send to.</param>
/// <param name="NextCursor">Where the following page starts; recorded once these targets are done.</param>
/// <param name="IsLast">Whether no targets follow.</param>
/// <param name="HeldUntil">Devices held back for their quiet hours, with when those end.</param>
/// <param name="Capped">Devices skipped because they reached their hourly cap.</param>
internal sealed record TargetPage(IReadOnlyList<string> Targets, string NextCursor, bool IsLast, IReadOnlyList<(string Token, DateTimeOffset Until)> HeldUntil, int Capped = 0);
