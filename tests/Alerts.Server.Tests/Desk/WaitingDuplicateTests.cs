using System.Net;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Desk;

/// <summary>The near-duplicate guard counts lines that wait, and asks again at approval, unless the submitter overrode it.</summary>
public sealed class WaitingDuplicateTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task APendingLineIsNewsAlreadyAndApprovalJudgesWhatWasPublishedMeanwhile()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings(new Dictionary<string, string?>
        {
            ["Alerts:Approval:Mode"] = "editors",
            ["Alerts:Duplicates:Window"] = "00:30:00",
        }));
        using var editor = node.ClientAs(EnEditor);
        using var chief = node.ClientAs(EnChief);
        const string headline = "Storm Ciaran makes landfall on the northern coast tonight";

        var pending = await editor.SubmitWaitingAsync("en", headline, new { push = true });
        var (again, _) = await editor.SendAsync(HttpMethod.Post, "/api/v1/alerts", DeskApi.Body("en", headline + ".", new { push = true }));
        var overridden = await editor.SubmitWaitingAsync("en", headline + "!", new { push = true, allowDuplicate = true });
        await chief.PublishNowAsync("en", "Storm Ciaran makes landfall on the northern coast tonight", new { allowDuplicate = true });
        var (approved, body) = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{pending}/approve");
        var (approvedOverride, _) = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{overridden}/approve");

        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal((HttpStatusCode.Conflict, true), (approved, body.GetProperty("type").GetString()!.EndsWith("/near-duplicate", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Created, approvedOverride);
    }
}
