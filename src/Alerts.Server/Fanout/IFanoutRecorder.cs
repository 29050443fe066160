namespace Alerts.Server.Fanout;

/// <summary>Where a feed notes how many connections it sent each alert to, for the delivery report.</summary>
internal interface IFanoutRecorder
{
    void Record(string edition, string alertId, int connections);
}
