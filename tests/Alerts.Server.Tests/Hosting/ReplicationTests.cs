using System.Net;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hosting;

public sealed class ReplicationTests
{
    [Fact]
    public async Task WithWaitReplicasA201MeansTheReplicaHasTheAlert()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await RedisServerProcess.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitForReplicaLinkAsync(replica);
        await using var node = await AlertsNode.StartAsync(primary.ConnectionString, "alerts", settings: new Dictionary<string, string?>
        {
            ["Alerts:Redis:WaitReplicas"] = "1",
            ["Alerts:Redis:WaitTimeout"] = "00:00:02",
        });

        var published = await node.Editor.PublishAsync("en", "Replicated line");

        await using var onReplica = await AlertsNode.StartAsync(replica.ConnectionString, "alerts");
        var stored = await onReplica.Public.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}");
        Assert.Equal("Replicated line", stored.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task WithoutTheReplicasAPostIs503AndSaysWhy()
    {
        await using var lonely = await RedisServerProcess.StartAsync();
        await using var node = await AlertsNode.StartAsync(lonely.ConnectionString, "alerts", settings: new Dictionary<string, string?>
        {
            ["Alerts:Redis:WaitReplicas"] = "1",
            ["Alerts:Redis:WaitTimeout"] = "00:00:00.200",
        });

        using var response = await node.Editor.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = "Nobody replicates this" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("0 of 1 replicas", await response.Content.ReadAsStringAsync());
    }

    internal static async Task WaitForReplicaLinkAsync(RedisServerProcess replica)
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{replica.ConnectionString},allowAdmin=true");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!((string?)await connection.GetDatabase().ExecuteAsync("INFO", "replication"))!.Contains("master_link_status:up", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The replica never synchronised with the primary.");
            await Task.Delay(100);
        }
    }
}
