using Alerts.Core.Alerts;

namespace Alerts.Server.Judgement;

/// <summary>The body of <c>GET /api/v1/editions/{edition}/audience</c>.</summary>
internal sealed record AudienceResponse(
    string Edition,
    IReadOnlyList<string> Sections,
    IReadOnlyList<string> Regions,
    Urgency Urgency,
    long LiveReaders,
    int Nodes,
    DeviceAudienceResponse Devices);
