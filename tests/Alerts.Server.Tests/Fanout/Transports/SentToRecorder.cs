using System.Collections.Concurrent;
using Alerts.Server.Fanout;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>What the node's feeds report sending each alert to: how many connections, whatever their transport.</summary>
internal sealed class SentToRecorder : IFanoutRecorder
{
    private readonly ConcurrentDictionary<string, int> _sentTo = new(StringComparer.Ordinal);

    public void Record(string edition, string alertId, int connections, int streams) => _sentTo[alertId] = connections + streams;

    /// <summary>How many connections the node sent <paramref name="alertId"/> to, once it has relayed it.</summary>
    public async Task<int> SentToAsync(string alertId)
    {
        var deadline = DateTime.UtcNow + FeedClient.Timeout;
        while (!_sentTo.ContainsKey(alertId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The node did not relay {alertId} within {FeedClient.Timeout}.");
            await Task.Delay(10);
        }

        return _sentTo[alertId];
    }
}
