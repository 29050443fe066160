namespace Alerts.Server.Judgement;

/// <summary>A line a new headline is compared with: an alert's id, headline and when it went (or goes) out.</summary>
internal sealed record WindowLine(string Id, string Headline, DateTimeOffset At);
