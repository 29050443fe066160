namespace Alerts.LoadGen;

/// <summary>
/// The JSON document a run ends with: what was asked, what happened, on which machine and when.
/// <see cref="ServerCpuMicrosPerDelivery"/> is the figure least disturbed by other load on the machine;
/// <see cref="ClientCpuMicrosPerDelivery"/> is what the worker processes spent receiving, on the same cores.
/// </summary>
internal sealed record LoadResult(
    string Label,
    string Protocol,
    string Hub,
    string Machine,
    DateTime StartedAt,
    int Workers,
    int ConnectionsRequested,
    int Connected,
    int ConnectFailed,
    int Dropped,
    double ConnectSeconds,
    double ConnectionsPerSecond,
    int AlertsRequested,
    int AlertsPosted,
    int PostsFailed,
    double RequestedRate,
    double PublishSeconds,
    double IngestAlertsPerSecond,
    Quantiles IngestLatency,
    long Expected,
    long Received,
    double DeliveredPerSecond,
    Quantiles Delivery,
    Quantiles LastClient,
    double ServerCpuMicrosPerDelivery,
    double ClientCpuMicrosPerDelivery,
    ServerResult[] Servers);
