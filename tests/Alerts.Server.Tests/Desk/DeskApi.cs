using System.Net;
using System.Text.Json;

namespace Alerts.Server.Tests.Desk;

/// <summary>Requests of the desk's endpoints, so the tests read as what they do.</summary>
public static class DeskApi
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Api.Json(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        if ((int)response.StatusCode >= 400)
        {
            Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        }

        return (response.StatusCode, json);
    }

    /// <summary>Submits an alert and expects it to wait (202); its id.</summary>
    public static async Task<string> SubmitWaitingAsync(this HttpClient client, string edition, string headline, object? extra = null, string expectedStatus = "pending")
    {
        var (status, body) = await client.SendAsync(HttpMethod.Post, "/api/v1/alerts", Body(edition, headline, extra));
        Assert.True(status == HttpStatusCode.Accepted, $"Expected 202, got {(int)status}: {body}");
        Assert.Equal(expectedStatus, body.GetProperty("status").GetString());
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>Submits an alert that goes out now (201); its id.</summary>
    public static async Task<string> PublishNowAsync(this HttpClient client, string edition, string headline, object? extra = null) =>
        (await Api.PublishAsync(client, edition, headline, extra)).Alert.Id;

    public static async Task<long> LatestSeqAsync(this HttpClient client, string edition)
    {
        var editions = await client.GetJsonAsync("/api/v1/editions");
        return editions.GetProperty("editions").EnumerateArray().Single(e => e.GetProperty("key").GetString() == edition).GetProperty("latestSeq").GetInt64();
    }

    public static async Task<IReadOnlyList<(string Action, string Actor)>> HistoryAsync(this HttpClient client, string alertId)
    {
        var body = await client.GetJsonAsync($"/api/v1/alerts/{alertId}/history");
        return body.GetProperty("history").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("actor").GetString()!)).ToList();
    }

    public static string In(int seconds) =>
        DateTimeOffset.UtcNow.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Body(string edition, string headline, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["edition"] = edition, ["headline"] = headline };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        return body;
    }
}
