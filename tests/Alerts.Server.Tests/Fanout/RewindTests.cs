using Alerts.Server.Hubs;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Fanout;

/// <summary>
/// A log that goes backwards (a failover that lost acknowledged writes, a restore from an older
/// copy) reuses seqs that clients already applied: every client must still get the new alerts, by
/// event or by <c>reset</c>, and a position from the old epoch must be answered with <c>reset</c>.
/// </summary>
public sealed class RewindTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task AfterTheLogLosesItsLastThreeEventsEveryClientGetsTheNextAlertAndAnOldPositionIsReset()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        for (var i = 1; i <= 6; i++)
        {
            await node.Editor.PublishAsync("en", $"Line {i} before the failover");
        }

        var clients = await ConnectEveryTransportAsync(node);
        try
        {
            foreach (var client in clients)
            {
                await client.SubscribeAsync("en", 0);
                await client.WaitForSeqAsync("en", 6);
            }

            var oldEpoch = clients[0].Received.Last().Epoch!;
            Assert.All(clients, c => Assert.All(c.Received, e => Assert.Equal(oldEpoch, e.Epoch)));

            // The state a lossy failover leaves: the last three events and their seqs are gone.
            var database = (await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString)).GetDatabase();
            await database.SortedSetRemoveRangeByScoreAsync($"{{{prefix}:en}}:log", 4, 6);
            await database.StringSetAsync($"{{{prefix}:en}}:seq", 3);
            var next = await node.Editor.PublishAsync("en", "The first line after the failover");

            Assert.Equal(4, next.Seq);
            foreach (var client in clients)
            {
                await client.WaitForAlertAsync(next.Alert.Id, Promptly);
            }

            await using var resuming = await TickerClient.ConnectAsync(node);
            await resuming.ResumeAsync("en", 6, oldEpoch);
            await resuming.WaitForAlertAsync(next.Alert.Id, Promptly);
            var reset = Assert.Single(resuming.Resets);
            Assert.Contains(reset.GetProperty("ticker").EnumerateArray(), a => a.GetProperty("id").GetString() == next.Alert.Id);
            Assert.NotEqual(oldEpoch, reset.GetProperty("epoch").GetString());
            Assert.Equal(4, reset.GetProperty("latestSeq").GetInt64());

            var page = await node.Public.GetJsonAsync($"/api/v1/editions/en/events?after=6&epoch={oldEpoch}");
            Assert.True(page.GetProperty("reset").GetBoolean());
            Assert.Equal(reset.GetProperty("epoch").GetString(), page.GetProperty("epoch").GetString());
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AnEmbeddedStoreRestoredFromAnOlderCopyResetsOldPositionsAndDeliversTheNextAlert()
    {
        var dataDir = Directory.CreateTempSubdirectory("alerts-rewind-").FullName;
        try
        {
            var oldEpoch = await RestoreAnOlderCopyAsync(dataDir);
            await using var after = await AlertsNode.StartAsync(null, "alerts", dataDir);
            // Clients of every transport come back and resume where they were: seq 6 of the old epoch.
            var clients = await ConnectEveryTransportAsync(after);
            try
            {
                foreach (var client in clients)
                {
                    await client.ResumeAsync("en", 6, oldEpoch);
                }

                var next = await after.Editor.PublishAsync("en", "The first line after the restore");
                foreach (var client in clients)
                {
                    await client.WaitForAlertAsync(next.Alert.Id, Promptly);
                    Assert.NotEmpty(client.Resets);
                }

                await using var resuming = await TickerClient.ConnectAsync(after);
                await resuming.ResumeAsync("en", 6, oldEpoch);
                await resuming.WaitForAlertAsync(next.Alert.Id, Promptly);
                var reset = Assert.Single(resuming.Resets);
                Assert.Contains(reset.GetProperty("ticker").EnumerateArray(), a => a.GetProperty("id").GetString() == next.Alert.Id);
            }
            finally
            {
                foreach (var client in clients)
                {
                    await client.DisposeAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>
    /// The node restarts together with its restored store, so it never relayed the lost seqs and cannot
    /// see the log go backwards; a client that comes back only after the log has passed its seq again
    /// must still get <c>reset</c>: the embedded store starts every run on a new epoch.
    /// </summary>
    [Fact]
    public async Task AClientResumingAfterTheRestoredEmbeddedLogPassedItsSeqAgainIsReset()
    {
        var dataDir = Directory.CreateTempSubdirectory("alerts-rewind-").FullName;
        try
        {
            var oldEpoch = await RestoreAnOlderCopyAsync(dataDir);
            await using var after = await AlertsNode.StartAsync(null, "alerts", dataDir);
            var published = new List<string>();
            for (var i = 4; i <= 7; i++)
            {
                published.Add((await after.Editor.PublishAsync("en", $"Line {i} after the restore")).Alert.Id);
            }

            await using var resuming = await TickerClient.ConnectAsync(after);
            await resuming.ResumeAsync("en", 6, oldEpoch);
            await resuming.WaitForAlertAsync(published[^1], Promptly);
            var reset = Assert.Single(resuming.Resets);
            Assert.NotEqual(oldEpoch, reset.GetProperty("epoch").GetString());
            Assert.Equal(7, reset.GetProperty("latestSeq").GetInt64());
            var lines = reset.GetProperty("ticker").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
            Assert.All(published, id => Assert.Contains(id, lines));
            Assert.Empty(resuming.Received);

            var page = await after.Public.GetJsonAsync($"/api/v1/editions/en/events?after=6&epoch={oldEpoch}");
            Assert.True(page.GetProperty("reset").GetBoolean());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>A direct WebSocket client and a negotiated one on each of SignalR's transports.</summary>
    private static async Task<List<TickerClient>> ConnectEveryTransportAsync(AlertsNode node)
    {
        var clients = new List<TickerClient> { await TickerClient.ConnectAsync(node) };
        foreach (var transport in new[] { HttpTransportType.WebSockets, HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling })
        {
            var client = new TickerClient(new HubConnectionBuilder()
                .WithUrl(new Uri(node.BaseAddress, AlertsHub.Path), options => options.Transports = transport)
                .Build());
            await client.Connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
            clients.Add(client);
        }

        return clients;
    }

    /// <summary>
    /// Publishes seqs 1–3, copies the data directory, publishes 4–6, then puts the copy back: the state a
    /// restore from an older backup leaves. Returns the epoch the lost seqs were published under.
    /// </summary>
    private static async Task<string> RestoreAnOlderCopyAsync(string dataDir)
    {
        var copy = Directory.CreateTempSubdirectory("alerts-rewind-copy-").FullName;
        try
        {
            await using (var before = await AlertsNode.StartAsync(null, "alerts", dataDir))
            {
                for (var i = 1; i <= 3; i++)
                {
                    await before.Editor.PublishAsync("en", $"Line {i}, in the backup");
                }
            }

            CopyDirectory(dataDir, copy);
            string oldEpoch;
            await using (var before = await AlertsNode.StartAsync(null, "alerts", dataDir))
            {
                for (var i = 4; i <= 6; i++)
                {
                    await before.Editor.PublishAsync("en", $"Line {i}, lost by the restore");
                }

                oldEpoch = (await before.Public.GetJsonAsync("/api/v1/editions/en/events?after=5")).GetProperty("epoch").GetString()!;
            }

            Directory.Delete(dataDir, recursive: true);
            CopyDirectory(copy, dataDir);
            return oldEpoch;
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
