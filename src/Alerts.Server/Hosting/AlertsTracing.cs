using System.Diagnostics;

namespace Alerts.Server.Hosting;

/// <summary>
/// The one source of the server's own spans. Span and attribute names are a telemetry contract,
/// like log event names: README lists them.
/// </summary>
internal static class AlertsTracing
{
    public const string SourceName = "Alerts";

    public static readonly ActivitySource Source = new(SourceName);

    public const string Edition = "alerts.edition";
    public const string AlertId = "alerts.alert_id";
    public const string Seq = "alerts.seq";
    public const string EventType = "alerts.event_type";
}
