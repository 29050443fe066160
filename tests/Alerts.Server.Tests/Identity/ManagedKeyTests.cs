using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Identity;

/// <summary>API keys made, used, rotated, revoked and expired through <c>/api/v1/keys</c>, on two nodes sharing one Redis.</summary>
public sealed class ManagedKeyTests(TwoNodesFixture nodes) : IClassFixture<TwoNodesFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ACreatedKeyShowsItsSecretOnceAndActsWithItsRoleAndEditions()
    {
        using var admin = nodes.First.ClientAs(Boss);
        var (status, created) = await admin.SendAsync(HttpMethod.Post, "/api/v1/keys", new { name = "cms-en", role = "chief", editions = new[] { "en" } });

        Assert.Equal(HttpStatusCode.Created, status);
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal(("cms-en", "chief", "app", Boss), (created.GetProperty("name").GetString(), created.GetProperty("role").GetString(),
            created.GetProperty("source").GetString(), created.GetProperty("createdBy").GetString()));

        var listed = await ListedAsync(admin, "cms-en");
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.DoesNotContain(secret, listed.ToString());

        using var key = ClientWith(nodes.Second, secret);
        var me = await key.GetJsonAsync("/api/v1/me");
        Assert.Equal(("key", "cms-en", "cms-en", "chief", "en"), (me.GetProperty("kind").GetString(), me.GetProperty("id").GetString(),
            me.GetProperty("name").GetString(), me.GetProperty("role").GetString(), string.Join(",", me.GetProperty("editions").EnumerateArray())));
        var (outside, _) = await key.SendAsync(HttpMethod.Post, "/api/v1/alerts", new { edition = "ar", headline = "Outside the key's editions" });
        Assert.Equal(HttpStatusCode.Forbidden, outside);

        var entry = await LastAuditAsync(admin, "keyCreated");
        Assert.Equal(Boss, entry.GetProperty("actor").GetString());
        Assert.Contains("cms-en", entry.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UsingAKeyMovesItsLastUsedTime()
    {
        using var admin = nodes.First.ClientAs(Boss);
        var secret = await CreateAsync(admin, "used-key");
        Assert.False((await ListedAsync(admin, "used-key")).TryGetProperty("lastUsedAt", out _));

        using var key = ClientWith(nodes.Second, secret);
        await key.GetJsonAsync("/api/v1/me");
        var first = await WaitForLastUsedAsync(admin, "used-key", DateTimeOffset.MinValue);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await key.GetJsonAsync("/api/v1/me");
        await WaitForLastUsedAsync(admin, "used-key", first);
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedOnBothNodesWithinOneSecond()
    {
        using var admin = nodes.First.ClientAs(Boss);
        var secret = await CreateAsync(admin, "leaver-key");
        using var onFirst = ClientWith(nodes.First, secret);
        using var onSecond = ClientWith(nodes.Second, secret);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(onFirst));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(onSecond));

        var (status, _) = await admin.SendAsync(HttpMethod.Delete, "/api/v1/keys/leaver-key");
        Assert.Equal(HttpStatusCode.NoContent, status);
        var clock = Stopwatch.StartNew();
        var refusedFirst = WaitForStatusAsync(onFirst, HttpStatusCode.Unauthorized);
        var refusedSecond = WaitForStatusAsync(onSecond, HttpStatusCode.Unauthorized);
        await Task.WhenAll(refusedFirst, refusedSecond).WaitAsync(Patience);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"The revoked key worked for {clock.Elapsed.TotalMilliseconds:0} ms.");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Delete, "/api/v1/keys/leaver-key")).Status);
        Assert.Contains("leaver-key", (await LastAuditAsync(admin, "keyRevoked")).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARotatedKeyTakesBothSecretsDuringTheOverlapThenOnlyTheNewOne()
    {
        using var admin = nodes.First.ClientAs(Boss);
        var old = await CreateAsync(admin, "rotating-key");
        var (status, rotated) = await admin.SendAsync(HttpMethod.Post, "/api/v1/keys/rotating-key/rotate", new { overlap = 3 });
        Assert.Equal(HttpStatusCode.Created, status);
        var fresh = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(old, fresh);

        using var withOld = ClientWith(nodes.Second, old);
        using var withNew = ClientWith(nodes.Second, fresh);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(withOld));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(withNew));

        await WaitForStatusAsync(withOld, HttpStatusCode.Unauthorized).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(withNew));
        Assert.Contains("rotating-key", (await LastAuditAsync(admin, "keyRotated")).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AKeyStopsWorkingWhenItExpires()
    {
        using var admin = nodes.First.ClientAs(Boss);
        var expiresAt = DeskApi.In(2);
        var secret = await CreateAsync(admin, "temp-key", expiresAt);
        Assert.Equal(DateTimeOffset.Parse(expiresAt), (await ListedAsync(admin, "temp-key")).GetProperty("expiresAt").GetDateTimeOffset());

        using var key = ClientWith(nodes.Second, secret);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(key));
        await WaitForStatusAsync(key, HttpStatusCode.Unauthorized).WaitAsync(Patience);
        Assert.True(DateTimeOffset.UtcNow >= DateTimeOffset.Parse(expiresAt), "The key was refused before it expired.");
    }

    [Theory]
    [InlineData(EnEditor)]
    [InlineData(EnChief)]
    public async Task AnEditorOrChiefMayNotManageKeysAndTheAttemptIsAudited(string name)
    {
        using var client = nodes.First.ClientAs(name);
        using var admin = nodes.First.ClientAs(Boss);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/v1/keys")).Status);
        Assert.Equal(name, (await LastAuditAsync(admin, "refused")).GetProperty("actor").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, "/api/v1/keys", new { name = $"by-{name}", role = "admin" })).Status);
        Assert.Equal(name, (await LastAuditAsync(admin, "refused")).GetProperty("actor").GetString());
        Assert.DoesNotContain($"by-{name}", (await admin.GetJsonAsync("/api/v1/keys")).ToString());
    }

    [Fact]
    public async Task ConfiguredKeysAreListedButNotManaged()
    {
        using var admin = nodes.First.ClientAs(Boss);
        var listed = await ListedAsync(admin, EnEditor);
        Assert.Equal(("config", "editor", "en"), (listed.GetProperty("source").GetString(), listed.GetProperty("role").GetString(),
            string.Join(",", listed.GetProperty("editions").EnumerateArray())));

        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/keys/{EnEditor}")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, $"/api/v1/keys/{EnEditor}/rotate", new { overlap = 0 })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, "/api/v1/keys", new { name = EnEditor, role = "editor" })).Status);
        using var editor = nodes.Second.ClientAs(EnEditor);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(editor));
    }

    [Fact]
    public async Task AnInvalidKeyRequestNamesEveryBadField()
    {
        using var admin = nodes.First.ClientAs(Boss);
        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/v1/keys",
            new { name = "Bad Name", role = "owner", editions = new[] { "xx" }, expiresAt = "2001-01-01T00:00:00Z", secret = "mine" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["editions", "expiresAt", "name", "role", "secret"], fields);
    }

    [Fact]
    public async Task AKeyCannotBeBoundToSomeoneWhoNeverSignedIn()
    {
        using var admin = nodes.First.ClientAs(Boss);
        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/v1/keys", new { name = "nobodys-key", role = "editor", boundTo = "nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("has signed in", problem.GetProperty("errors").GetProperty("boundTo")[0].GetString());
        Assert.DoesNotContain("nobodys-key", (await admin.GetJsonAsync("/api/v1/keys")).ToString());
    }

    private static HttpClient ClientWith(AlertsNode node, string secret)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<string> CreateAsync(HttpClient admin, string name, string? expiresAt = null)
    {
        var (status, created) = await admin.SendAsync(HttpMethod.Post, "/api/v1/keys", new { name, role = "editor", expiresAt });
        Assert.True(status == HttpStatusCode.Created, $"Expected 201, got {(int)status}: {created}");
        return created.GetProperty("secret").GetString()!;
    }

    private static async Task<JsonElement> ListedAsync(HttpClient admin, string name) =>
        (await admin.GetJsonAsync("/api/v1/keys")).GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("name").GetString() == name);

    private static async Task<JsonElement> LastAuditAsync(HttpClient admin, string action) =>
        (await admin.GetJsonAsync("/api/v1/audit?limit=100")).GetProperty("entries").EnumerateArray()
            .Last(e => e.GetProperty("action").GetString() == action);

    private static async Task<HttpStatusCode> MeStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/me");
        return response.StatusCode;
    }

    private static async Task WaitForStatusAsync(HttpClient client, HttpStatusCode expected)
    {
        while (await MeStatusAsync(client) != expected)
        {
            await Task.Delay(20);
        }
    }

    // The last use is written without waiting for Redis, so the list may trail the request by a moment.
    private static async Task<DateTimeOffset> WaitForLastUsedAsync(HttpClient admin, string name, DateTimeOffset after)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            if ((await ListedAsync(admin, name)).TryGetProperty("lastUsedAt", out var at) && at.GetDateTimeOffset() > after)
            {
                return at.GetDateTimeOffset();
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"lastUsedAt of {name} did not move past {after:O}.");
            await Task.Delay(50);
        }
    }
}
