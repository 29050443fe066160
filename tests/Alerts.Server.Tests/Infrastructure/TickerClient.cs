using System.Collections.Concurrent;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>A real SignalR .NET client that records every event it receives, in arrival order.</summary>
public sealed class TickerClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<AlertEvent> _received = new();
    private readonly ConcurrentQueue<JsonElement> _resets = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public TickerClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<JsonElement>("alert", e =>
        {
            _received.Enqueue(e.Deserialize<AlertEvent>(AlertsJson.Options)!);
            _arrived.Release();
        });
        connection.On<JsonElement>("reset", r =>
        {
            _resets.Enqueue(r);
            _arrived.Release();
        });
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<AlertEvent> Received => _received.ToArray();

    public IReadOnlyList<JsonElement> Resets => _resets.ToArray();

    public static async Task<TickerClient> ConnectAsync(AlertsNode node, bool automaticReconnect = false, HubRoute route = HubRoute.Direct)
    {
        var client = new TickerClient(node.NewHubConnection(automaticReconnect, route));
        await client.Connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    public Task SubscribeAsync(string edition, long? afterSeq) =>
        Connection.InvokeAsync("Subscribe", edition, afterSeq).WaitAsync(TimeSpan.FromSeconds(10));

    public Task ResumeAsync(string edition, long afterSeq, string epoch) =>
        Connection.InvokeAsync("Resume", edition, afterSeq, epoch).WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Waits until the alert <paramref name="alertId"/> has arrived, as an event or on a reset's ticker.</summary>
    public async Task WaitForAlertAsync(string alertId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_received.Any(e => e.Alert.Id == alertId)
            && !_resets.Any(r => r.GetProperty("ticker").EnumerateArray().Any(a => a.GetProperty("id").GetString() == alertId)))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"Alert {alertId} did not arrive within {timeout}: {_received.Count} events, {_resets.Count} resets.");
            }
        }
    }

    /// <summary>Waits until an event of <paramref name="edition"/> with at least <paramref name="seq"/> has arrived.</summary>
    public async Task WaitForSeqAsync(string edition, long seq, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!_received.Any(e => e.Edition == edition && e.Seq >= seq))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                var seen = _received.Where(e => e.Edition == edition).Select(e => e.Seq).ToList();
                throw new TimeoutException($"Seq {seq} of '{edition}' did not arrive; received {seen.Count}, the last [{string.Join(",", seen.TakeLast(10))}].");
            }
        }
    }

    /// <summary>The distinct seqs of an edition in arrival order, after checking that arrival order is seq order.</summary>
    public IReadOnlyList<long> OrderedSeqs(string edition)
    {
        var seqs = _received.Where(e => e.Edition == edition).Select(e => e.Seq).ToList();
        for (var i = 1; i < seqs.Count; i++)
        {
            Assert.True(seqs[i] >= seqs[i - 1], $"Events arrived out of order: {string.Join(",", seqs)}");
        }

        return seqs.Distinct().ToList();
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
