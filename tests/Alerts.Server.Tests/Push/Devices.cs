using System.Net;
using Alerts.Core.Alerts;
using Alerts.Server.Push.Targets;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Push;

/// <summary>Registers devices through the public API, or many at once through the node's registry.</summary>
public static class Devices
{
    public static async Task RegisterAsync(this AlertsNode node, string token, string edition = "en", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["token"] = token, ["platform"] = "android", ["edition"] = edition };
        foreach (var property in System.Text.Json.JsonSerializer.SerializeToElement(extra ?? new { }).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }

        using var response = await node.Public.PostAsync("/api/v1/devices", Api.Json(body)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task RegisterManyAsync(this AlertsNode node, IEnumerable<string> tokens, string edition = "en")
    {
        var registry = node.Services.GetRequiredService<DeviceRegistry>();
        foreach (var chunk in tokens.Chunk(200))
        {
            await Task.WhenAll(chunk.Select(token => registry.RegisterAsync(
                new DeviceRegistration(token, "android", edition, [], [], Urgency.Update, null, DateTimeOffset.UtcNow), CancellationToken.None)))
                .WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public static async Task<bool> IsRegisteredAsync(this AlertsNode node, string token) =>
        await node.Services.GetRequiredService<DeviceRegistry>().FindAsync(token, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)) is not null;
}
