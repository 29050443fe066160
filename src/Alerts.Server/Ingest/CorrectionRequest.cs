using Alerts.Core.Alerts;

namespace Alerts.Server.Ingest;

/// <summary>
/// The body of <c>PATCH /api/v1/alerts/{id}</c> as the OpenAPI document shows it: any of the fields;
/// <c>url: null</c> removes the link. Read field by field by the handler, like <see cref="PublishRequest"/>.
/// </summary>
internal sealed record CorrectionRequest(
    string? Headline = null, string? Url = null, Urgency? Urgency = null, IReadOnlyList<string>? Sections = null, IReadOnlyList<string>? Regions = null, bool? Push = null,
    DateTimeOffset? PublishAt = null);
