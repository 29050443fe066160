using System.Net;
using System.Text.Json;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// The <c>Idempotency-Key</c> is judged before anything else: a retry gets the first outcome on both paths
/// (published now, or waiting for approval), with the near-duplicate guard on, which would otherwise take the
/// retry for a repeat of its own first attempt. <c>editors</c> mode: an editor's push waits, a ticker line goes out.
/// </summary>
public sealed class IdempotencyFirstTests : IAsyncLifetime
{
    private readonly RedisFixture _redis = new();
    private AlertsNode? _node;

    private AlertsNode Node => _node ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _node = await AlertsNode.StartAsync(_redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings(new Dictionary<string, string?>
        {
            ["Alerts:Approval:Mode"] = "editors",
            ["Alerts:Duplicates:Window"] = "00:30:00",
        }));
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Created)]
    [InlineData(true, HttpStatusCode.Accepted)]
    public async Task ARetryGetsTheFirstOutcomeAndAnotherBodyUnderTheKeyIs422(bool push, HttpStatusCode firstOutcome)
    {
        using var editor = Node.ClientAs(EnEditor);
        var body = DeskApi.Body("en", $"Storm closes the northern ports, push {push}", new { push });

        var first = await SendAsync(editor, "key-first", body);
        var retry = await SendAsync(editor, "key-first", body);
        var otherBodies = new[]
        {
            await SendAsync(editor, "key-first", DeskApi.Body("en", "A different line under the same key", new { push = false })),
            await SendAsync(editor, "key-first", DeskApi.Body("en", "Another different line under the same key", new { push = true })),
        };

        Assert.Equal((firstOutcome, false), (first.Status, first.Replayed));
        Assert.Equal((firstOutcome, first.Id, true), (retry.Status, retry.Id, retry.Replayed));
        Assert.All(otherBodies, other => Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status));
        Assert.Equal(push ? 0 : 1, await Node.Public.LatestSeqAsync("en"));
        var waiting = await editor.GetJsonAsync("/api/v1/alerts?edition=en");
        Assert.Equal(push ? 1 : 0, waiting.GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public async Task ARefusedRequestLeavesItsKeyFreeAndItsRetryIsRefusedTheSameWay()
    {
        using var editor = Node.ClientAs(EnEditor);
        var original = await editor.PublishNowAsync("en", "Bridge over the Tagus closed after the crash");
        var repeat = DeskApi.Body("en", "Bridge over the Tagus closed after the crash!");
        var invalid = DeskApi.Body("en", "");

        var refused = await SendAsync(editor, "key-refused", repeat);
        var refusedAgain = await SendAsync(editor, "key-refused", repeat);
        var invalidFirst = await SendAsync(editor, "key-invalid", invalid);
        var invalidAgain = await SendAsync(editor, "key-invalid", invalid);
        var allowed = await SendAsync(editor, "key-refused", DeskApi.Body("en", "Bridge over the Tagus closed after the crash!", new { allowDuplicate = true }));
        var valid = await SendAsync(editor, "key-invalid", DeskApi.Body("en", "A line that is valid now"));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal(original, refused.Body.GetProperty("duplicateOf").GetString());
        Assert.Equal((HttpStatusCode.Conflict, original), (refusedAgain.Status, refusedAgain.Body.GetProperty("duplicateOf").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (invalidFirst.Status, invalidAgain.Status));
        Assert.Equal((HttpStatusCode.Created, false), (allowed.Status, allowed.Replayed));
        Assert.Equal((HttpStatusCode.Created, false), (valid.Status, valid.Replayed));
        Assert.Equal(3, await Node.Public.LatestSeqAsync("en"));
    }

    [Fact]
    public async Task AKeyOutsideTheNamedEditionIsRefusedBeforeItsIdempotencyKeyIsClaimed()
    {
        using var arEditor = Node.ClientAs(ArEditor);
        var body = DeskApi.Body("en", "Not this key's edition");

        var refused = await SendAsync(arEditor, "key-edition", body);
        var inItsOwn = await SendAsync(arEditor, "key-edition", DeskApi.Body("ar", "خبر في نسخة المفتاح"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.Created, inItsOwn.Status);
        Assert.Equal(0, await Node.Public.LatestSeqAsync("en"));
    }

    internal static async Task<(HttpStatusCode Status, string? Id, bool Replayed, JsonElement Body)> SendAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = Api.Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        var id = response.StatusCode == HttpStatusCode.Created ? json.GetProperty("alert").GetProperty("id").GetString()
            : json.TryGetProperty("id", out var waitingId) ? waitingId.GetString() : null;
        return (response.StatusCode, id, response.Headers.Contains("Idempotent-Replayed"), json);
    }
}
