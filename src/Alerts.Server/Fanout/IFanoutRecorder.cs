namespace Alerts.Server.Fanout;

/// <summary>Where a feed notes how many hub connections and event streams it sent each alert's latest event to, for the delivery report.</summary>
internal interface IFanoutRecorder
{
    void Record(string edition, string alertId, int connections, int streams);
}
