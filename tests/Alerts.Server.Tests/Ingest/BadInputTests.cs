using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Ingest;

/// <summary>Every bad request gets a clear 4xx problem response, and the log is left exactly as it was.</summary>
public sealed class BadInputTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private AlertsNode _node = null!;
    private string _existingId = "";

    public static TheoryData<string, string, string> BadPublishBodies => new()
    {
        { "empty headline", """{"edition":"en","headline":""}""", "headline" },
        { "whitespace headline", """{"edition":"en","headline":"  \t "}""", "headline" },
        { "281 characters", $$"""{"edition":"en","headline":"{{new string('a', 281)}}"}""", "headline" },
        { "C0 control", """{"edition":"en","headline":"bell \u0007 here"}""", "headline" },
        { "newline", """{"edition":"en","headline":"two\nlines"}""", "headline" },
        { "right-to-left override", """{"edition":"en","headline":"evil \u202E txt.exe"}""", "headline" },
        { "lone surrogate", """{"edition":"en","headline":"broken \ud800 text"}""", "headline" },
        { "zero-width spaces only", """{"edition":"en","headline":"\u200b\u200b"}""", "headline" },
        { "a left-to-right mark only", """{"edition":"en","headline":"\u200e"}""", "headline" },
        { "Hangul filler only", """{"edition":"en","headline":"\u3164"}""", "headline" },
        { "byte order mark only", """{"edition":"en","headline":"\ufeff"}""", "headline" },
        { "tag characters", """{"edition":"en","headline":"Calm \udb40\udc69\udb40\udc67\udb40\udc6e day"}""", "headline" },
        { "five stacked marks", """{"edition":"en","headline":"x\u0301\u0302\u0303\u0304\u0305"}""", "headline" },
        { "missing headline", """{"edition":"en"}""", "headline" },
        { "javascript URL", """{"edition":"en","headline":"x","url":"javascript:alert(1)"}""", "url" },
        { "ftp URL", """{"edition":"en","headline":"x","url":"ftp://files.example/a"}""", "url" },
        { "relative URL", """{"edition":"en","headline":"x","url":"/news/1"}""", "url" },
        { "user info URL", """{"edition":"en","headline":"x","url":"https://user:pw@news.example/"}""", "url" },
        { "2,049-character URL", $$"""{"edition":"en","headline":"x","url":"https://news.example/{{new string('a', 2049 - 21)}}"}""", "url" },
        { "unknown edition", """{"edition":"fr","headline":"x"}""", "edition" },
        { "missing edition", """{"headline":"x"}""", "edition" },
        { "unknown section", """{"edition":"en","headline":"x","sections":["gossip"]}""", "sections" },
        { "unknown region", """{"edition":"en","headline":"x","regions":["mars"]}""", "regions" },
        { "unknown urgency", """{"edition":"en","headline":"x","urgency":"urgent"}""", "urgency" },
        { "headline as number", """{"edition":"en","headline":42}""", "headline" },
        { "sections as string", """{"edition":"en","headline":"x","sections":"politics"}""", "sections" },
        { "push as string", """{"edition":"en","headline":"x","push":"yes"}""", "push" },
        { "client-supplied id", """{"edition":"en","headline":"x","id":"01ABC"}""", "id" },
        { "client-supplied seq", """{"edition":"en","headline":"x","seq":7}""", "seq" },
        { "client-supplied author", """{"edition":"en","headline":"x","author":"someone"}""", "author" },
        { "client-supplied status", """{"edition":"en","headline":"x","status":"retracted"}""", "status" },
        { "client-supplied time", """{"edition":"en","headline":"x","publishedAt":"2020-01-01T00:00:00Z"}""", "publishedAt" },
        { "malformed JSON", """{"edition":"en","headline":""", "body" },
        { "JSON array", """["en","x"]""", "body" },
    };

    public async Task InitializeAsync()
    {
        _node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        _existingId = (await _node.Editor.PublishAsync("en", "The one line that exists")).Alert.Id;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [MemberData(nameof(BadPublishBodies))]
    public async Task ABadPublishIsAProblemNamingTheFieldAndChangesNothing(string why, string json, string field)
    {
        using var response = await _node.Editor.PostAsync("/api/v1/alerts", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, why);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{why}: no message for '{field}' in {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task ATwoMegabyteBodyIs413()
    {
        var huge = $$"""{"edition":"en","headline":"{{new string('a', 2 * 1024 * 1024)}}"}""";

        using var response = await _node.Editor.PostAsync("/api/v1/alerts", new StringContent(huge, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "2 MB body");
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task AMissingKeyIs401()
    {
        using var response = await _node.Public.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = "x" }));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "missing key");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task AWrongKeyIs401()
    {
        using var client = new HttpClient { BaseAddress = _node.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Editor + "x");

        using var response = await client.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = "x" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "wrong key");
        Assert.Contains("not valid", problem.GetProperty("title").GetString());
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task NotJsonIs415()
    {
        using var response = await _node.Editor.PostAsync("/api/v1/alerts", new StringContent("edition=en", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "text/plain");
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task CorrectingOrRetractingAnUnknownIdIs404()
    {
        using var patch = await _node.Editor.PatchJsonAsync("/api/v1/alerts/01JUNKNOWNUNKNOWNUNKNOWN00", new { headline = "x" });
        using var retract = await _node.Editor.PostJsonAsync("/api/v1/alerts/01JUNKNOWNUNKNOWNUNKNOWN00/retract", new { reason = "x" });
        using var get = await _node.Public.GetAsync("/api/v1/alerts/01JUNKNOWNUNKNOWNUNKNOWN00");

        await AssertProblemAsync(patch, HttpStatusCode.NotFound, "PATCH unknown");
        await AssertProblemAsync(retract, HttpStatusCode.NotFound, "retract unknown");
        await AssertProblemAsync(get, HttpStatusCode.NotFound, "GET unknown");
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task ABadCorrectionChangesNothing()
    {
        using var empty = await _node.Editor.PatchJsonAsync($"/api/v1/alerts/{_existingId}", new { });
        using var badUrl = await _node.Editor.PatchJsonAsync($"/api/v1/alerts/{_existingId}", new { url = "javascript:void(0)" });
        using var serverField = await _node.Editor.PatchJsonAsync($"/api/v1/alerts/{_existingId}", new { version = 9 });
        using var noReason = await _node.Editor.PostJsonAsync($"/api/v1/alerts/{_existingId}/retract", new { });

        await AssertProblemAsync(empty, HttpStatusCode.BadRequest, "empty correction");
        await AssertProblemAsync(badUrl, HttpStatusCode.BadRequest, "bad URL correction");
        await AssertProblemAsync(serverField, HttpStatusCode.BadRequest, "server field");
        await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, "retract without reason");
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("/api/v1/editions/en/events?after=-1")]
    [InlineData("/api/v1/editions/en/events?after=abc")]
    [InlineData("/api/v1/editions/en/events?limit=0")]
    [InlineData("/api/v1/editions/en/events?limit=1001")]
    public async Task BadQueryParametersAre400(string path)
    {
        using var response = await _node.Public.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, path);
    }

    [Fact]
    public async Task AnUnknownEditionIs404ForReads()
    {
        using var events = await _node.Public.GetAsync("/api/v1/editions/fr/events");
        using var ticker = await _node.Public.GetAsync("/api/v1/editions/fr/ticker");

        await AssertProblemAsync(events, HttpStatusCode.NotFound, "events of fr");
        await AssertProblemAsync(ticker, HttpStatusCode.NotFound, "ticker of fr");
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string why)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{why}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", text);
        return problem;
    }

    private async Task AssertNothingChangedAsync()
    {
        Assert.Equal([1L], await _node.Public.LogSeqsAsync("en"));
        var alert = await _node.Public.GetJsonAsync($"/api/v1/alerts/{_existingId}");
        Assert.Equal("published", alert.GetProperty("status").GetString());
        Assert.Equal(1, alert.GetProperty("version").GetInt32());
    }
}
