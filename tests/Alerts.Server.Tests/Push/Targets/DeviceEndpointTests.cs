using System.Net;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Push.Targets;

public sealed class DeviceEndpointTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ABadRegistrationIsAProblemWithAnErrorPerFieldAndChangesNothing()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await node.RegisterAsync("phone", extra: new { sections = new[] { "sports" } });

        using var response = await node.Public.PostAsync("/api/v1/devices", Api.Json(new
        {
            token = "phone",
            platform = "pager",
            edition = "xx",
            sections = new[] { "knitting" },
            minUrgency = "loud",
            quietHours = new { from = "25:00", to = "7", timeZone = "Mars/Olympus" },
            extra = 1,
        })).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(
            new[] { "edition", "extra", "minUrgency", "platform", "quietHours.from", "quietHours.timeZone", "quietHours.to", "sections" },
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var registry = node.Services.GetService(typeof(Alerts.Server.Push.Targets.DeviceRegistry)) as Alerts.Server.Push.Targets.DeviceRegistry;
        var stored = await registry!.FindAsync("phone", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["sports"], stored!.Sections);
        Assert.Equal("en", stored.Edition);
    }

    [Theory]
    [InlineData("{}", "token")]
    [InlineData("[1]", "body")]
    [InlineData("{\"token\":\"a b\",\"platform\":\"ios\",\"edition\":\"en\"}", "token")]
    public async Task MalformedBodiesAreRejectedWithTheFieldNamed(string body, string field)
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var response = await node.Public.PostAsync("/api/v1/devices", Api.Json(body)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.GetRawText());
    }

    [Fact]
    public async Task UnregisteringSomethingThatIsNotATokenIsAProblem()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var response = await node.Public.DeleteAsync("/api/v1/devices/not%20a%20token").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task RegistrationsFromOneAddressAreRateLimited()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:Push:RegistrationsPerMinute"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            await node.RegisterAsync($"phone-{i}");
        }

        using var response = await node.Public.PostAsync("/api/v1/devices", Api.Json(new { token = "phone-4", platform = "ios", edition = "en" }))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
