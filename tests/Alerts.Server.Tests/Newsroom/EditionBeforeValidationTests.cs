using System.Net;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// Every changing path judges the key against the alert's edition before it reads the body: a key outside the
/// edition is told 403 (and audited), never what is wrong with its request, and nothing changes.
/// </summary>
public sealed class EditionBeforeValidationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AKeyOutsideTheAlertsEditionIsRefusedBeforeItsBodyIsJudgedOnEveryChangingPath()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: Settings(new Dictionary<string, string?> { ["Alerts:Approval:Mode"] = "editors" }));
        using var enEditor = node.ClientAs(EnEditor);
        using var arChief = node.ClientAs(ArChief);
        using var boss = node.ClientAs(Boss);
        var published = await enEditor.PublishNowAsync("en", "Parliament dissolved ahead of a snap election");
        var pending = await enEditor.SubmitWaitingAsync("en", "Snap election called for March", new { push = true });
        var seq = await node.Public.LatestSeqAsync("en");
        (HttpMethod Method, string Path, object? Body)[] attempts =
        [
            (HttpMethod.Patch, $"/api/v1/alerts/{published}", new { headline = "Parliament stays", bogus = 1 }),
            (HttpMethod.Patch, $"/api/v1/alerts/{pending}", new { bogus = 1 }),
            (HttpMethod.Post, $"/api/v1/alerts/{published}/retract", new { reason = "Wrong", bogus = 1 }),
            (HttpMethod.Post, $"/api/v1/alerts/{published}/retract", new { reason = "Wrong", story = "yes" }),
            (HttpMethod.Post, $"/api/v1/alerts/{pending}/reject", new { reason = 5 }),
            (HttpMethod.Post, $"/api/v1/alerts/{published}/approve", null),
        ];

        foreach (var (method, path, body) in attempts)
        {
            var (status, problem) = await arChief.SendAsync(method, path, body);
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path}: expected 403, got {(int)status}: {problem}");
        }

        Assert.Equal(seq, await node.Public.LatestSeqAsync("en"));
        Assert.Equal("pending", (await enEditor.GetJsonAsync($"/api/v1/alerts/{pending}")).GetProperty("status").GetString());
        var refusals = (await boss.GetJsonAsync("/api/v1/audit?after=0&limit=1000")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("actor").GetString() == ArChief).ToList();
        Assert.Equal(attempts.Length, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(("refused", "en"), (e.GetProperty("action").GetString(), e.GetProperty("edition").GetString())));
    }
}
