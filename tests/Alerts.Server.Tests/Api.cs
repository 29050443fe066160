using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;

namespace Alerts.Server.Tests;

/// <summary>Small helpers for the HTTP API, so tests read as what they do; at the root so that `Api` names it rather than the server's Api namespace.</summary>
public static class Api
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static async Task<AlertEvent> PublishAsync(this HttpClient client, string edition, string headline, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["edition"] = edition, ["headline"] = headline };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        // As the contract tells a client: a 503 (Redis slow or switching) is retried with the same key,
        // which publishes once. A loaded test machine sees such 503s; the tests are about what follows.
        var key = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 3)
            {
                return await ReadEventAsync(response, System.Net.HttpStatusCode.Created);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    public static async Task<AlertEvent> ReadEventAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<AlertEvent>(text, AlertsJson.Options)!;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<IReadOnlyList<long>> LogSeqsAsync(this HttpClient client, string edition, long after = 0)
    {
        var seqs = new List<long>();
        while (true)
        {
            var page = await client.GetJsonAsync($"/api/v1/editions/{edition}/events?after={after}&limit=1000");
            var events = page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
            if (events.Count == 0)
            {
                return seqs;
            }

            seqs.AddRange(events);
            after = events[^1];
        }
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, object body) =>
        client.PatchAsync(path, Json(body));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);
}
