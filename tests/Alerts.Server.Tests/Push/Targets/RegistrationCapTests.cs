using System.Net;
using System.Text.Json;
using Alerts.Server.Push.Targets;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.WebPush;
using Alerts.Server.WebPush;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Server.Tests.Push.Targets;

/// <summary>
/// The embedded store takes at most <c>Alerts:Embedded:MaxRegistrations</c> devices, phones and browsers together
/// (Garnet cannot read back its checkpoint of a much larger registry): a new one past it is refused with nothing
/// stored, while the registered ones renew and unregister as ever. On Redis there is no cap.
/// </summary>
public sealed class RegistrationCapTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Cap = 3;
    private const int RegistrationsNearCapEvent = 3019;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly Dictionary<string, string?> CapOfThree = new() { ["Alerts:Embedded:MaxRegistrations"] = $"{Cap}" };

    [Fact]
    public async Task AtItsCapAnEmbeddedNodeRefusesANewPhoneButRenewsAndUnregistersTheOnesItHolds()
    {
        var log = new LogRecorder();
        await using var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix(), settings: CapOfThree, services: s => s.AddSingleton<ILoggerProvider>(log));
        await node.RegisterAsync("first-phone");
        await node.RegisterAsync("second-phone");
        await node.RegisterAsync("third-phone");

        using var refused = await RegisterPhoneAsync(node, "fourth-phone");

        await AssertCapProblemAsync(refused);
        Assert.False(await node.IsRegisteredAsync("fourth-phone"));
        Assert.Equal(Cap, await CountAsync(node));

        await node.RegisterAsync("first-phone", extra: new { sections = new[] { "sports" } });
        var renewed = await node.Services.GetRequiredService<DeviceRegistry>().FindAsync("first-phone", CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(["sports"], renewed!.Sections);
        Assert.Equal(Cap, await CountAsync(node));

        using var unregistered = await node.Public.DeleteAsync("/api/v1/devices/second-phone").WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.NoContent, unregistered.StatusCode);
        await node.RegisterAsync("fourth-phone");
        Assert.True(await node.IsRegisteredAsync("fourth-phone"));

        // Past 80 % of the cap at the third registration and again at the fourth: warned once.
        var warning = Assert.Single(log.Entries, entry => entry.Id.Id == RegistrationsNearCapEvent);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Alerts:Embedded:MaxRegistrations", warning.Message);
    }

    [Fact]
    public async Task BrowsersCountTowardsTheCapBesidePhones()
    {
        await using var service = await FakePushService.StartAsync();
        await using var node = await WebPushNodes.StartAsync(null, RedisFixture.NewPrefix(), service, CapOfThree);
        await node.RegisterAsync("first-phone");
        await node.RegisterAsync("second-phone");
        var browser = service.Subscribe();
        var browserId = await node.SubscribeAsync(browser);

        using var phoneRefused = await RegisterPhoneAsync(node, "third-phone");
        await AssertCapProblemAsync(phoneRefused);
        var another = service.Subscribe();
        using var browserRefused = await node.Public.PostAsync(
            "/api/v1/devices", Api.Json(new { platform = "web", edition = "en", subscription = another.Json })).WaitAsync(Timeout);
        await AssertCapProblemAsync(browserRefused);
        var webPush = node.Services.GetRequiredService<WebPushRegistry>();
        Assert.Null(await webPush.FindAsync(WebPushSubscription.IdOf(another.Endpoint.ToString()), CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(browserId, await node.SubscribeAsync(browser, extra: new { minUrgency = "flash" }));
        using var unregistered = await node.Public.DeleteAsync($"/api/v1/devices/{browserId}").WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.NoContent, unregistered.StatusCode);
        var anotherId = await node.SubscribeAsync(another);
        Assert.NotNull(await webPush.FindAsync(anotherId, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task OnRedisTheEmbeddedStoresCapDoesNotApply()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: CapOfThree);

        foreach (var token in new[] { "first-phone", "second-phone", "third-phone", "fourth-phone" })
        {
            await node.RegisterAsync(token);
        }

        Assert.Equal(Cap + 1, await CountAsync(node));
    }

    private static Task<HttpResponseMessage> RegisterPhoneAsync(AlertsNode node, string token) =>
        node.Public.PostAsync("/api/v1/devices", Api.Json(new { token, platform = "android", edition = "en" })).WaitAsync(Timeout);

    private static Task<long> CountAsync(AlertsNode node) =>
        node.Services.GetRequiredService<DeviceRegistry>().CountAsync("en", CancellationToken.None).WaitAsync(Timeout);

    private static async Task AssertCapProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
        Assert.True(response.StatusCode == HttpStatusCode.InsufficientStorage, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.RetryAfter);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Alerts:Embedded:MaxRegistrations", problem.GetProperty("setting").GetString());
        Assert.Equal(Cap, problem.GetProperty("limit").GetInt64());
        Assert.Contains($"at most {Cap} device registrations", problem.GetProperty("detail").GetString());
        Assert.Contains("Redis", problem.GetProperty("detail").GetString());
    }
}
