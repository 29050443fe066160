using System.Net;
using System.Text.Json;
using Alerts.Server.Push.Targets;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Push.Targets;

/// <summary>A public registration is kept for weeks: each field is capped by what real clients send, and a field past its cap stores nothing.</summary>
public sealed class DeviceRegistrationCapsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Token = "caps-test-token:APA91bExample";

    public static TheoryData<string, string> OversizedFields() => new()
    {
        { "token", Body(token: new string('a', DeviceRequest.MaxTokenLength + 1)) },
        { "platform", Body(platform: new string('p', 10_000)) },
        { "edition", Body(edition: new string('e', 10_000)) },
        { "minUrgency", Body(extra: $",\"minUrgency\":\"{new string('u', 10_000)}\"") },
        { "sections", Body(extra: $",\"sections\":[{string.Join(',', Enumerable.Repeat("\"sports\"", 33))}]") },
        { "regions", Body(extra: $",\"regions\":[{string.Join(',', Enumerable.Repeat("\"europe\"", 33))}]") },
        { "quietHours.timeZone", Body(extra: $",\"quietHours\":{{\"from\":\"23:00\",\"to\":\"07:00\",\"timeZone\":\"Europe/{new string('z', 60)}\"}}") },
        { "quietHours.from", Body(extra: $",\"quietHours\":{{\"from\":\"{new string('1', 10_000)}\",\"to\":\"07:00\",\"timeZone\":\"Europe/Madrid\"}}") },
    };

    [Theory]
    [MemberData(nameof(OversizedFields))]
    public async Task AFieldPastItsCapIsAProblemNamingItAndNothingIsStored(string field, string body)
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var response = await node.Public.PostAsync("/api/v1/devices", Api.Json(body)).WaitAsync(TimeSpan.FromSeconds(10));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        var registry = node.Services.GetRequiredService<DeviceRegistry>();
        Assert.Null(await registry.FindAsync(Token, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ATokenOfExactlyTheCapIsAccepted()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var token = new string('t', DeviceRequest.MaxTokenLength);

        await node.RegisterAsync(token);

        Assert.True(await node.IsRegisteredAsync(token));
    }

    [Fact]
    public async Task UnregisteringATokenPastTheCapIsAProblem()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var response = await node.Public.DeleteAsync($"/api/v1/devices/{new string('a', DeviceRequest.MaxTokenLength + 1)}").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Body(string token = Token, string platform = "android", string edition = "en", string extra = "") =>
        $"{{\"token\":\"{token}\",\"platform\":\"{platform}\",\"edition\":\"{edition}\"{extra}}}";
}
