using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Syndication;

/// <summary>
/// <c>GET /api/v1/editions/{edition}/stream</c> read by the npm <c>eventsource</c> package (eventsource-client/),
/// the client Node.js consumers use: when the network drops it, it reconnects on its own with <c>Last-Event-ID</c>
/// and gets what it missed, and only that.
/// </summary>
public sealed class EventSourcePackageTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly string ClientDirectory = RepositoryRoot.Combine("tests", "Alerts.Server.Tests", "Syndication", "eventsource-client");

    [Fact]
    public async Task TheNpmEventSourceReconnectsAfterACutAndResumesWithLastEventId()
    {
        if (!Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "eventsource")))
        {
            (await Shell.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ClientDirectory, TimeSpan.FromMinutes(2))).AssertSucceeded("npm ci");
        }

        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var forwarder = new CuttableForwarder(node.BaseAddress.Port);
        var lines = Channel.CreateUnbounded<string>();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ClientDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "client.js", $"http://127.0.0.1:{forwarder.Port}/api/v1/editions/en/stream", "2", "30000" })
        {
            start.ArgumentList.Add(argument);
        }

        using var client = new Process { StartInfo = start };
        client.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Writer.TryWrite(e.Data); } };
        var complaints = new System.Collections.Concurrent.ConcurrentQueue<string>();
        client.ErrorDataReceived += (_, e) => { if (e.Data is not null) { complaints.Enqueue(e.Data); } };
        client.Start();
        client.BeginOutputReadLine();
        client.BeginErrorReadLine();
        try
        {
            var reset = await NextEventAsync(lines, complaints);
            Assert.Equal("reset", reset.Type);

            var first = await node.Editor.PublishAsync("en", "Before the network drops");
            var firstSeen = await NextEventAsync(lines, complaints);
            Assert.Equal(("alert", $"{first.Epoch}:{first.Seq}"), (firstSeen.Type, firstSeen.Id));

            forwarder.CutAll();
            var second = await node.Editor.PublishAsync("en", "While the reader is away");
            var secondSeen = await NextEventAsync(lines, complaints);

            // Straight to the missed alert: no reset and no repeat of the first.
            Assert.Equal(("alert", $"{second.Epoch}:{second.Seq}"), (secondSeen.Type, secondSeen.Id));
            Assert.Equal("While the reader is away", secondSeen.Data.GetProperty("alert").GetProperty("headline").GetString());
            var heads = forwarder.RequestHeads;
            Assert.Equal(2, heads.Count);
            Assert.DoesNotContain("last-event-id", heads[0], StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"\r\nLast-Event-ID: {first.Epoch}:{first.Seq}\r\n", heads[1], StringComparison.OrdinalIgnoreCase);
            await client.WaitForExitAsync().WaitAsync(Timeout);
            Assert.Equal(0, client.ExitCode);
        }
        finally
        {
            if (!client.HasExited)
            {
                client.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<(string Type, string Id, JsonElement Data)> NextEventAsync(Channel<string> lines, IEnumerable<string> complaints)
    {
        string line;
        try
        {
            line = await lines.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No event from client.js within {Timeout}; it said:\n{string.Join('\n', complaints)}");
        }

        var root = JsonDocument.Parse(line).RootElement;
        return (root.GetProperty("type").GetString()!, root.GetProperty("id").GetString()!, root.GetProperty("data"));
    }
}
