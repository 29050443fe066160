using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.WebPush;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>Nodes whose Web Push client trusts the fake push service's certificate and whose allowed host is its loopback address.</summary>
public static class WebPushNodes
{
    public static Task<AlertsNode> StartAsync(string? redis, string prefix, FakePushService service, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:WebPush:AllowedHosts:0"] = "127.0.0.1",
            ["Alerts:WebPush:Subject"] = "mailto:desk@example.org",
            ["Alerts:WebPush:PollInterval"] = "00:00:00.050",
            ["Alerts:WebPush:RetryDelay"] = "00:00:00.100",
            ["Alerts:WebPush:LeaseDuration"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return AlertsNode.StartAsync(redis, prefix, settings: settings, services: services =>
            services.AddHttpClient(WebPushClient.ClientName).ConfigurePrimaryHttpMessageHandler(service.TrustingHandler));
    }

    public static async Task<string> SubscribeAsync(this AlertsNode node, FakeSubscription subscription, string edition = "en", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["platform"] = "web", ["edition"] = edition, ["subscription"] = subscription.Json };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        var response = await node.Public.PostAsync("/api/v1/devices", Api.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }
}
