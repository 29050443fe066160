using Alerts.Core.Alerts;

namespace Alerts.Server.Ingest;

/// <summary>
/// The body of <c>POST /api/v1/alerts</c> as the OpenAPI document shows it. The handler reads the
/// JSON itself (<see cref="Api.JsonFields"/>) to name every bad or unknown field; this type only describes it.
/// </summary>
internal sealed record PublishRequest(
    string Edition, string Headline, string? Url = null, Urgency? Urgency = null, IReadOnlyList<string>? Sections = null, IReadOnlyList<string>? Regions = null, bool? Push = null,
    string? StoryId = null, bool? AllowDuplicate = null, string? Image = null, DateTimeOffset? PublishAt = null);
