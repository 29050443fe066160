using System.Diagnostics;
using System.Globalization;
using Alerts.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alerts.Server.Tests.Desk;

/// <summary>
/// A node nobody uses costs its Redis little: every command it sends (scripts' inner commands
/// included) counted with <c>MONITOR</c> on a redis-server of its own, so no other test's commands
/// are in the count.
/// </summary>
public sealed class IdleNodeTests(ITestOutputHelper output)
{
    /// <summary>
    /// ~9 today, most of it the relay's consistency check (every 500 ms here, 1 s as shipped). Before: ~70 with the
    /// scheduler's claim scripts every 200 ms, ~45 with the outbox's workers looking every second, ~16 with the scheduler
    /// looking every 500 ms, ~10 with the Web Push releaser claiming every second.
    /// </summary>
    private const double MaxCommandsPerSecond = 12;

    /// <summary>The scheduler's idle look: one read per edition per <c>IdleCheckInterval</c> (10 s); it was 2 a second.</summary>
    private const double MaxDueQueueCommandsPerEditionPerSecond = 0.5;

    /// <summary>
    /// The outbox's leases and cursors (Web Push and FCM, one worker per edition each). Before: every worker renewed its
    /// lease and read its cursor each second (~15 a second); now an idle worker looks every 10 s, or when the log moves.
    /// </summary>
    private const double MaxOutboxCommandsPerSecond = 4;

    /// <summary>The Web Push releaser's look at the held subscriptions: a claim and a read per idle interval (10 s); it was 2 a second.</summary>
    private const double MaxHeldCommandsPerSecond = 1;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AnIdleNodeSendsItsRedisFewCommandsAndItsSchedulerOneLookPerEditionEachIdleCheckInterval()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var prefix = RedisFixture.NewPrefix();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        // Past start-up (scripts loaded, feeds started, the first passes run).
        await Task.Delay(TimeSpan.FromSeconds(2));

        var commands = await MonitorAsync(redis.Port, Window);

        var editions = new[] { "en", "es", "ar" };
        var perSecond = commands.Count / Window.TotalSeconds;
        var dueQueuePerSecond = commands.Count(c => editions.Any(e => c.Contains($"\"{{{prefix}:{e}}}:due\"", StringComparison.Ordinal))) / Window.TotalSeconds;
        var outboxPerSecond = commands.Count(c => c.Contains("}:lease\"", StringComparison.Ordinal) || c.Contains("}:cursor\"", StringComparison.Ordinal)) / Window.TotalSeconds;
        var heldPerSecond = commands.Count(c => c.Contains(":held\"", StringComparison.Ordinal)) / Window.TotalSeconds;
        output.WriteLine($"{perSecond:F1} commands/s, {dueQueuePerSecond:F1} of them on the due queues, {outboxPerSecond:F1} on the outbox's leases and cursors, {heldPerSecond:F1} on the held Web Push subscriptions: "
            + string.Join(", ", commands.GroupBy(Verb).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(dueQueuePerSecond < MaxDueQueueCommandsPerEditionPerSecond * editions.Length, $"The idle scheduler sent {dueQueuePerSecond:F1} commands a second.");
        Assert.True(outboxPerSecond < MaxOutboxCommandsPerSecond, $"The idle outbox sent {outboxPerSecond:F1} commands a second.");
        Assert.True(heldPerSecond < MaxHeldCommandsPerSecond, $"The idle Web Push releaser sent {heldPerSecond:F1} commands a second.");
        Assert.True(perSecond < MaxCommandsPerSecond, $"An idle node sent {perSecond:F1} commands a second.");
    }

    /// <summary>Every command Redis ran for <paramref name="window"/>, as <c>MONITOR</c> shows it (<c>"ZRANGE" "{…}:due" "0" …</c>).</summary>
    private static async Task<List<string>> MonitorAsync(int port, TimeSpan window)
    {
        var start = new ProcessStartInfo("redis-cli", ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "MONITOR"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var monitor = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start.");
        var commands = new List<string>();
        using var stop = new CancellationTokenSource(window);
        try
        {
            while (await monitor.StandardOutput.ReadLineAsync(stop.Token) is { } line)
            {
                // "1765143000.123456 [0 127.0.0.1:40000] "GET" …": what follows the client.
                if (line.IndexOf("] \"", StringComparison.Ordinal) is var end and > 0)
                {
                    commands.Add(line[(end + 2)..]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The window is over.
        }
        finally
        {
            monitor.Kill();
            await monitor.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }

        return commands;
    }

    private static string Verb(string command) => command[..(command.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : command.Length)];
}
