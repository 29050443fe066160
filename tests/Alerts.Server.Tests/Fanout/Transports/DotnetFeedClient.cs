using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>The official .NET SignalR client as a <see cref="FeedClient"/>.</summary>
public sealed class DotnetFeedClient : FeedClient
{
    private readonly HubConnection _connection;

    private DotnetFeedClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<JsonElement>("alert", e => Receive(false, e));
        connection.On<JsonElement>("reset", r => Receive(true, r));
    }

    public static async Task<FeedClient> ConnectAsync(AlertsNode node, HubRoute route)
    {
        var client = new DotnetFeedClient(node.NewHubConnection(route: route));
        await client._connection.StartAsync().WaitAsync(Timeout);
        return client;
    }

    public override Task SubscribeAsync(string edition, long? afterSeq = null) =>
        _connection.InvokeAsync("Subscribe", edition, afterSeq).WaitAsync(Timeout);

    public override Task ResumeAsync(string edition, long afterSeq, string epoch) =>
        _connection.InvokeAsync("Resume", edition, afterSeq, epoch).WaitAsync(Timeout);

    public override Task UnsubscribeAsync(string edition) => _connection.InvokeAsync("Unsubscribe", edition).WaitAsync(Timeout);

    public override ValueTask DisposeAsync() => _connection.DisposeAsync();
}
