using System.Net;
using System.Net.Http.Headers;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Ingest;

/// <summary>An alert's ETag is its version; If-Match keeps two editors from overwriting each other.</summary>
public sealed class ConditionalChangeTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AnAlertAnswersAStrongETagThatEachCorrectionChanges()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var published = await node.Editor.PublishAsync("en", "Parliament dissolved");
        var path = $"/api/v1/alerts/{published.Alert.Id}";

        using var first = await node.Public.GetAsync(path);
        var tag = first.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.Equal("\"1\"", tag.Tag);

        using var notModified = await SendAsync(node.Public, HttpMethod.Get, path, ifNoneMatch: tag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var corrected = await SendAsync(node.Editor, HttpMethod.Patch, path, new { headline = "Parliament dissolved, elections in May" }, ifMatch: tag);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("\"2\"", corrected.Headers.ETag?.Tag);
        using var second = await node.Public.GetAsync(path);
        Assert.Equal("\"2\"", second.Headers.ETag?.Tag);

        using var retracted = await SendAsync(node.Editor, HttpMethod.Post, path + "/retract", new { reason = "Wrong country" }, ifMatch: second.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        using var third = await node.Public.GetAsync(path);
        Assert.NotEqual("\"2\"", third.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task AStaleIfMatchIsRefusedWith412AndChangesNothing()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var published = await node.Editor.PublishAsync("en", "Bridge closed after collision");
        var path = $"/api/v1/alerts/{published.Alert.Id}";
        var original = (await node.Public.GetAsync(path)).Headers.ETag!;
        using var corrected = await SendAsync(node.Editor, HttpMethod.Patch, path, new { urgency = "flash" }, ifMatch: original);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var seqs = await node.Public.LogSeqsAsync("en");

        using var staleCorrection = await SendAsync(node.Editor, HttpMethod.Patch, path, new { headline = "Bridge reopened" }, ifMatch: original);
        using var staleRetraction = await SendAsync(node.Editor, HttpMethod.Post, path + "/retract", new { reason = "Old news" }, ifMatch: original);
        using var weak = await SendAsync(node.Editor, HttpMethod.Patch, path, new { headline = "Bridge reopened" }, ifMatch: new EntityTagHeaderValue("\"2\"", isWeak: true));
        using var garbled = new HttpRequestMessage(HttpMethod.Patch, path) { Content = Api.Json(new { headline = "Bridge reopened" }) };
        garbled.Headers.TryAddWithoutValidation("If-Match", "2");
        using var garbledResponse = await node.Editor.SendAsync(garbled);

        foreach (var response in new[] { staleCorrection, staleRetraction, weak, garbledResponse })
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        }

        Assert.Equal(seqs, await node.Public.LogSeqsAsync("en"));
        var current = await node.Public.GetJsonAsync(path);
        Assert.Equal("Bridge closed after collision", current.GetProperty("headline").GetString());
        Assert.Equal("corrected", current.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TwoConcurrentCorrectionsWithTheSameIfMatchOneWinsOneGets412()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        for (var round = 0; round < 30; round++)
        {
            var published = await node.Editor.PublishAsync("en", $"Ceasefire talks resume, round {round}");
            var path = $"/api/v1/alerts/{published.Alert.Id}";
            var tag = new EntityTagHeaderValue("\"1\"");

            var first = SendAsync(node.Editor, HttpMethod.Patch, path, new { headline = $"Ceasefire talks resume in Cairo, round {round}" }, ifMatch: tag);
            var second = SendAsync(node.Editor, HttpMethod.Patch, path, new { headline = $"Ceasefire talks resume in Doha, round {round}" }, ifMatch: tag);
            var responses = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
            var current = await node.Public.GetJsonAsync(path);
            Assert.Equal(2, current.GetProperty("version").GetInt32());
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string path, object? body = null, EntityTagHeaderValue? ifMatch = null, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = Api.Json(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await client.SendAsync(request);
    }
}
