using System.Globalization;
using System.Net;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Judgement;

/// <summary>The audience figure: live readers summed over nodes through Redis heartbeats, and the devices an alert would reach.</summary>
public sealed class AudienceTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly Dictionary<string, string?> FastHeartbeat = new()
    {
        ["Alerts:Audience:HeartbeatInterval"] = "00:00:00.100",
        ["Alerts:Audience:NodeTimeout"] = "00:00:01",
    };

    [Fact]
    public async Task LiveReadersAreSummedOverNodesAndAStoppedNodeDropsOut()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var nodeA = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: FastHeartbeat);
        var nodeB = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: FastHeartbeat);
        await using var readerA1 = await TickerClient.ConnectAsync(nodeA);
        await using var readerA2 = await TickerClient.ConnectAsync(nodeA);
        await using var readerB = await TickerClient.ConnectAsync(nodeB);
        await using var arabicReader = await TickerClient.ConnectAsync(nodeB);
        await readerA1.SubscribeAsync("en", null);
        await readerA2.SubscribeAsync("en", null);
        await readerB.SubscribeAsync("en", null);
        await arabicReader.SubscribeAsync("ar", null);

        await WaitForReadersAsync(nodeA, "en", readers: 3, nodes: 2);
        await WaitForReadersAsync(nodeA, "ar", readers: 1, nodes: 2);

        await nodeB.DisposeAsync();
        await WaitForReadersAsync(nodeA, "en", readers: 2, nodes: 1);

        // A node that dies without a word: its entry stands until it expires.
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds();
            await connection.GetDatabase().HashSetAsync($"{prefix}:audience:readers", "crashed-node\nen", string.Create(CultureInfo.InvariantCulture, $"5:{expiresAt}"));
        }

        await WaitForReadersAsync(nodeA, "en", readers: 7, nodes: 2);
        await WaitForReadersAsync(nodeA, "en", readers: 2, nodes: 1);
    }

    [Theory]
    [InlineData("devices")]
    [InlineData("topics")]
    public async Task DevicesAreThoseTheAlertWouldReach(string mode)
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?>
        {
            ["Alerts:Push:Mode"] = mode,
        });
        await node.RegisterAsync("everything-en");
        await node.RegisterAsync("politics-en", extra: new { sections = new[] { "politics" } });
        await node.RegisterAsync("mena-en", extra: new { regions = new[] { "mena" } });
        await node.RegisterAsync("flash-only-en", extra: new { minUrgency = "flash" });
        await node.RegisterAsync("breaking-politics-en", extra: new { sections = new[] { "politics" }, minUrgency = "breaking" });
        await node.RegisterAsync("everything-ar", "ar");

        var politicsUpdate = await AudienceAsync(node, "en", "sections=politics&urgency=update");
        var menaFlash = await AudienceAsync(node, "en", "sections=health&regions=mena,europe&urgency=flash");
        var anyBreaking = await AudienceAsync(node, "en", "");

        Assert.Equal(mode, politicsUpdate.GetProperty("devices").GetProperty("mode").GetString());
        Assert.False(politicsUpdate.GetProperty("devices").GetProperty("pushEnabled").GetBoolean());
        if (mode == "devices")
        {
            // Devices mode applies minUrgency: an update reaches only those that take updates.
            Assert.Equal(2, Devices(politicsUpdate));
            Assert.Equal(3, Devices(menaFlash));
            Assert.Equal(1, Devices(anyBreaking));
        }
        else
        {
            // Topics mode: what the mirrored topics would deliver (the edition topic, the flash topic, section and region topics).
            Assert.Equal(3, Devices(politicsUpdate));
            Assert.Equal(3, Devices(menaFlash));
            Assert.Equal(1, Devices(anyBreaking));
        }
    }

    [Fact]
    public async Task TheAudienceIsForEditorsAndNamesBadFilters()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var anonymous = await node.Public.GetAsync("/api/v1/editions/en/audience");
        using var unknownEdition = await node.Editor.GetAsync("/api/v1/editions/fr/audience");
        using var badSection = await node.Editor.GetAsync("/api/v1/editions/en/audience?sections=politics,gossip&urgency=soon");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownEdition.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSection.StatusCode);
        var errors = JsonDocument.Parse(await badSection.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("sections", out _));
        Assert.True(errors.TryGetProperty("urgency", out _));
    }

    [Fact]
    public async Task TheDeviceCountFollowsChangedRemovedAndExpiredRegistrations()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?>
        {
            ["Alerts:Push:Mode"] = "devices",
            ["Alerts:Push:RegistrationTtl"] = "00:00:03",
        });
        await node.RegisterAsync("moves-to-health", extra: new { sections = new[] { "politics" } });
        await node.RegisterAsync("unregisters", extra: new { sections = new[] { "politics" } });
        await node.RegisterAsync("moves-to-arabic", extra: new { sections = new[] { "politics" } });
        await node.RegisterAsync("lapses", extra: new { sections = new[] { "politics" } });
        await node.RegisterAsync("renewed", extra: new { sections = new[] { "politics" } });
        Assert.Equal(5, Devices(await AudienceAsync(node, "en", "sections=politics")));

        await node.RegisterAsync("moves-to-health", extra: new { sections = new[] { "health" } });
        await node.RegisterAsync("moves-to-health", extra: new { sections = new[] { "health" } });
        await node.RegisterAsync("moves-to-arabic", "ar", new { sections = new[] { "politics" } });
        using (var removed = await node.Public.DeleteAsync("/api/v1/devices/unregisters"))
        {
            Assert.True(removed.IsSuccessStatusCode);
        }

        Assert.Equal(2, Devices(await AudienceAsync(node, "en", "sections=politics")));
        Assert.Equal(1, Devices(await AudienceAsync(node, "en", "sections=health")));
        Assert.Equal(1, Devices(await AudienceAsync(node, "ar", "sections=politics")));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        long politics;
        do
        {
            await Task.Delay(1_000);
            await node.RegisterAsync("renewed", extra: new { sections = new[] { "politics" } });
            await node.RegisterAsync("moves-to-health", extra: new { sections = new[] { "health" } });
            politics = Devices(await AudienceAsync(node, "en", "sections=politics"));
        }
        while (politics != 1 && DateTime.UtcNow < deadline);

        Assert.Equal(1, politics);
        Assert.Equal(1, Devices(await AudienceAsync(node, "en", "sections=health")));
    }

    [Fact]
    public async Task OnTheEmbeddedGarnetTheFigureWorksToo()
    {
        await using var node = await AlertsNode.StartAsync(null, "alerts", settings: FastHeartbeat);
        await using var reader = await TickerClient.ConnectAsync(node);
        await reader.SubscribeAsync("es", null);
        await node.RegisterAsync("everything-es", "es");

        await WaitForReadersAsync(node, "es", readers: 1, nodes: 1);
        Assert.Equal(1, Devices(await AudienceAsync(node, "es", "urgency=flash")));
    }

    private static long Devices(JsonElement audience) => audience.GetProperty("devices").GetProperty("count").GetInt64();

    private static Task<JsonElement> AudienceAsync(AlertsNode node, string edition, string query) =>
        node.Editor.GetJsonAsync($"/api/v1/editions/{edition}/audience?{query}");

    private static async Task WaitForReadersAsync(AlertsNode node, string edition, long readers, int nodes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement audience;
        do
        {
            audience = await AudienceAsync(node, edition, "");
            if (audience.GetProperty("liveReaders").GetInt64() == readers && audience.GetProperty("nodes").GetInt32() == nodes)
            {
                return;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Expected {readers} readers on {nodes} nodes for {edition}, last saw {audience}");
    }
}
