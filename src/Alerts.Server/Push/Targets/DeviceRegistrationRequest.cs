using Alerts.Core.Alerts;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// The body of <c>POST /api/v1/devices</c> as the OpenAPI document shows it; <see cref="DeviceRequest"/>
/// reads and checks the JSON itself so that every field's problem is named.
/// </summary>
internal sealed record DeviceRegistrationRequest(
    string Token, string Platform, string Edition, IReadOnlyList<string>? Sections = null, IReadOnlyList<string>? Regions = null,
    Urgency? MinUrgency = null, QuietHoursRequest? QuietHours = null);
