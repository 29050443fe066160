using System.Globalization;
using System.Net;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Hosting;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// With <c>Alerts:Redis:WaitReplicas</c>, the desk writes of the changing use cases wait for the replica like an
/// append: with replication cut, an edit of a waiting alert, a rejection, a correction held for approval and the
/// cancellation of a pending correction are answered 503, never acknowledged and then lost in a failover.
/// </summary>
public sealed class DurableChangesTests
{
    [Fact]
    public async Task WithReplicationCutAnEditARejectionAHeldCorrectionAndACancelledCorrectionAreRefused503()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        var replica = await RedisServerProcess.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture));
        await ReplicationTests.WaitForReplicaLinkAsync(replica);
        await using var node = await AlertsNode.StartAsync(primary.ConnectionString, "alerts", settings: Settings(new Dictionary<string, string?>
        {
            ["Alerts:Redis:WaitReplicas"] = "1",
            ["Alerts:Redis:WaitTimeout"] = "00:00:01",
            ["Alerts:Approval:Mode"] = "editors",
        }));
        using var editor = node.ClientAs(EnEditor);
        using var chief = node.ClientAs(EnChief);
        var toEdit = await editor.SubmitWaitingAsync("en", "Inquiry report due at noon", new { push = true });
        var toReject = await editor.SubmitWaitingAsync("en", "Unconfirmed: minister to resign", new { push = true });
        var toCorrect = await editor.PublishNowAsync("en", "Storm warning for the coast");
        var withPending = await editor.PublishNowAsync("en", "Ferry services suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{withPending}", new { headline = "Ferry services suspended until Monday", push = true })).Status);

        await replica.DisposeAsync();
        var edited = await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{toEdit}", new { headline = "Inquiry report due at 2pm" });
        var rejected = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{toReject}/reject", new { reason = "Not confirmed" });
        var held = await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{toCorrect}", new { headline = "Storm warning: evacuate the coast", push = true });
        var cancelled = await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{withPending}/cancel");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, edited.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, held.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cancelled.Status);
    }
}
