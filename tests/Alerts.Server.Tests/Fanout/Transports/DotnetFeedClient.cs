using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>The official .NET SignalR client as a <see cref="FeedClient"/>.</summary>
public sealed class DotnetFeedClient : FeedClient
{
    private readonly HubConnection _connection;

    private DotnetFeedClient(HubConnection connection, bool messagePack)
    {
        _connection = connection;
        if (messagePack)
        {
            connection.On<object>("alert", e => Receive(false, MessagePackArgument.ToJson(e)));
            connection.On<object>("reset", r => Receive(true, MessagePackArgument.ToJson(r)));
        }
        else
        {
            connection.On<JsonElement>("alert", e => Receive(false, e));
            connection.On<JsonElement>("reset", r => Receive(true, r));
        }
    }

    public static async Task<FeedClient> ConnectAsync(AlertsNode node, HubRoute route)
    {
        var client = new DotnetFeedClient(node.NewHubConnection(route: route), messagePack: false);
        await client._connection.StartAsync().WaitAsync(Timeout);
        return client;
    }

    /// <summary>Negotiates, asking for SignalR's MessagePack protocol, which only ASP.NET Core SignalR serves.</summary>
    public static async Task<FeedClient> ConnectWithMessagePackAsync(AlertsNode node)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(node.BaseAddress, "/hubs/alerts")).AddMessagePackProtocol().Build();
        var client = new DotnetFeedClient(connection, messagePack: true);
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
