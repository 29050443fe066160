using System.Net;
using System.Security.Cryptography;
using System.Text;
using Alerts.Server.Tests.Infrastructure;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Contract;

/// <summary>The contract on a real redis-server, each test under its own key prefix.</summary>
public sealed class AlertsContractOnRedisTests(RedisFixture redis) : AlertsContractTests, IClassFixture<RedisFixture>
{
    private readonly string _prefix = RedisFixture.NewPrefix();

    protected override Task<AlertsNode> StartNodeAsync(IDictionary<string, string?>? settings = null) =>
        AlertsNode.StartAsync(redis.ConnectionString, settings is null ? _prefix : RedisFixture.NewPrefix(), settings: settings);

    [Fact]
    public async Task ADuplicateWhileTheFirstIsInFlightIs409AndPublishesNothing()
    {
        var body = """{"edition":"en","headline":"Still being written"}""";
        var claim = $"{_prefix}:idem:{Hex(SHA256.HashData(Encoding.UTF8.GetBytes($"{TestKeys.EditorName}\nslow-key")))}";
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            // What a first request leaves while its append is still running on another node.
            await connection.GetDatabase().StringSetAsync(claim, "pending:" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))), TimeSpan.FromSeconds(30));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = Api.Json(body) };
        request.Headers.Add("Idempotency-Key", "slow-key");
        using var duplicate = await Node.Editor.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.NotNull(duplicate.Headers.RetryAfter);
        Assert.Empty(await Node.Public.LogSeqsAsync("en"));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
