namespace Alerts.Server.Judgement;

/// <summary>
/// Who the previewed alert would reach: the edition's live ticker readers on every node, and the registered
/// devices its sections, regions and urgency select — the same figures as the audience endpoint.
/// </summary>
internal sealed record PreviewAudience(long LiveReaders, int Nodes, DeviceAudienceResponse Devices);
