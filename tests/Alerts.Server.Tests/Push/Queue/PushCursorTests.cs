using Alerts.Server.Outbox;
using Alerts.Server.Push.Sending;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Push.Queue;

public sealed class PushCursorTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task EnablingPushNeverSendsAnAlertPublishedBefore()
    {
        var prefix = RedisFixture.NewPrefix();
        await using (var withoutPush = await AlertsNode.StartAsync(redis.ConnectionString, prefix))
        {
            await withoutPush.Editor.PublishAsync("en", "Published before push was on", new { push = true });
        }

        await using var node = await PushNodes.StartAsync(redis, prefix, _fake);
        var after = await node.Editor.PublishAsync("en", "Published after", new { push = true });

        await PushNodes.UntilAsync(() => !_fake.Accepted.IsEmpty, "the new alert's push");
        await Task.Delay(500);
        Assert.Equal([after.Alert.Id], _fake.Accepted.Select(s => s.AlertId));
    }

    [Fact]
    public async Task ACursorThatVanishedStartsAgainAtTheLogsEndNotAtTheBeginning()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var node = await PushNodes.StartAsync(redis, prefix, _fake);
        await node.Editor.PublishAsync("en", "First", new { push = true });
        await PushNodes.UntilAsync(() => _fake.Accepted.Count == 1, "the first push");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = node.Services.GetRequiredService<OutboxKeys>();

        await connection.GetDatabase().KeyDeleteAsync(keys.Cursor(FcmOutlet.OutletName, "en"));
        await Task.Delay(500);
        var second = await node.Editor.PublishAsync("en", "Second", new { push = true });

        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 2, "the second push");
        await Task.Delay(500);
        Assert.Equal(["First", "Second"], _fake.Accepted.Select(s => s.Message.GetProperty("notification").GetProperty("body").GetString()));
        Assert.Equal(second.Alert.Id, _fake.Accepted.Last().AlertId);
    }
}
