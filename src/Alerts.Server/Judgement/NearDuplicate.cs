namespace Alerts.Server.Judgement;

/// <summary>A line in the window that a new headline nearly repeats.</summary>
internal sealed record NearDuplicate(string Id, string Headline, double Similarity);
