namespace Alerts.Server.Ingest;

/// <summary>The body of <c>POST /api/v1/alerts/{id}/retract</c> as the OpenAPI document shows it.</summary>
internal sealed record RetractionRequest(string Reason, string? PublicNote = null);
