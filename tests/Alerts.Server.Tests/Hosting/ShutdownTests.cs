using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alerts.Server.Tests.Hosting;

public sealed class ShutdownTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData(HubRoute.Direct)]
    [InlineData(HubRoute.Negotiated)]
    public async Task SigtermFinishesInFlightPostsClosesHubConnectionsCleanlyAndExitsZero(HubRoute route)
    {
        var prefix = RedisFixture.NewPrefix();
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Alerts__Redis__KeyPrefix"] = prefix,
            [$"Alerts__ApiKeys__{TestKeys.EditorName}__Sha256"] = TestKeys.Sha256Of(TestKeys.Editor),
        });
        using var editor = new HttpClient { BaseAddress = server.BaseAddress };
        editor.DefaultRequestHeaders.Authorization = new("Bearer", TestKeys.Editor);
        var hub = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "/hubs/alerts"), options =>
        {
            options.SkipNegotiation = route == HubRoute.Direct;
            options.Transports = route == HubRoute.Direct ? HttpTransportType.WebSockets : options.Transports;
        }).Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await hub.InvokeAsync("Subscribe", "en", 0L).WaitAsync(TimeSpan.FromSeconds(10));

        var posts = Enumerable.Range(0, 20).Select(i => editor.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = $"In flight {i}" }))).ToList();
        await Task.Delay(20);
        await server.TerminateAsync();

        var closeError = await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(closeError is null, $"The hub connection closed with {closeError}; the server said:\n{server.Output}");
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, server.Process.ExitCode);
        var answered = new List<System.Net.HttpStatusCode>();
        foreach (var post in posts)
        {
            try
            {
                using var response = await post.WaitAsync(TimeSpan.FromSeconds(5));
                answered.Add(response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Sent after the listener closed: refused, never half-done.
            }
        }

        Assert.All(answered, status => Assert.Equal(System.Net.HttpStatusCode.Created, status));
        await using var check = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        Assert.Equal(answered.Count, (await check.Public.LogSeqsAsync("en")).Count);
    }
}
