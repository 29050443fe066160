using System.Text.Json;
using Alerts.LoadGen;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.LoadGen;

/// <summary>
/// The load generator end to end at a size that takes seconds: worker processes, lean clients on
/// several source addresses, stamped posts and the merged result. No speed is asserted, only that
/// every client got every alert and the figures add up; the benchmarks themselves are not tests.
/// </summary>
public sealed class LoadGeneratorSmokeTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task FiftyClientsInTwoWorkersEachReceiveEveryPostedAlert()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var output = Path.Combine(Path.GetTempPath(), $"alerts-loadgen-{Guid.NewGuid():N}.json");
        try
        {
            var exitCode = await Coordinator.RunAsync(new Arguments(
            [
                "--hub", new Uri(node.BaseAddress, "/hubs/alerts").ToString(), "--key", TestKeys.Editor,
                "--connections", "50", "--workers", "2", "--sources", "3", "--alerts", "3", "--rate", "20", "--warmup", "1",
                "--drain", "10", "--timeout", "60", "--server-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--out", output,
            ])).WaitAsync(TimeSpan.FromSeconds(60));

            using var result = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var root = result.RootElement;
            Assert.Equal(0, exitCode);
            Assert.Equal(50, root.GetProperty("connected").GetInt32());
            Assert.Equal(3, root.GetProperty("alertsPosted").GetInt32());
            Assert.Equal(150, root.GetProperty("received").GetInt64());
            Assert.Equal(150, root.GetProperty("delivery").GetProperty("count").GetInt64());
            Assert.Equal(3, root.GetProperty("lastClient").GetProperty("count").GetInt64());
            Assert.True(root.GetProperty("servers")[0].GetProperty("rssIdleMb").GetDouble() > 0);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void HistogramQuantilesStayWithinOnePercent()
    {
        var histogram = new LatencyHistogram();
        for (var micros = 1; micros <= 100_000; micros++)
        {
            histogram.Record(micros);
        }

        Assert.Equal(100_000, histogram.Count);
        Assert.InRange(histogram.ValueAt(0.5), 49_500, 50_500);
        Assert.InRange(histogram.ValueAt(0.99), 98_000, 100_000);
        Assert.Equal(100_000, histogram.ValueAt(1.0));

        var merged = LatencyHistogram.FromSparse(histogram.Sparse(), histogram.Max);
        merged.Add(histogram);
        Assert.Equal(200_000, merged.Count);
        Assert.Equal(histogram.ValueAt(0.9), merged.ValueAt(0.9));
    }

    [Theory]
    [InlineData("{\"type\":1,\"target\":\"alert\",\"arguments\":[{\"alert\":{\"headline\":\"Load test lg:1732500000123456:17: x\"}}]}", 1732500000123456L, 17)]
    [InlineData("42[\"alert\",{\"alert\":{\"headline\":\"Load test lg:5:0: x\"}}]", 5L, 0)]
    public void MarkerIsFoundWhateverWrapsIt(string frame, long postMicros, int index)
    {
        Assert.True(AlertMarker.TryRead(System.Text.Encoding.UTF8.GetBytes(frame), out var micros, out var found));
        Assert.Equal(postMicros, micros);
        Assert.Equal(index, found);
        Assert.False(AlertMarker.TryRead("{\"type\":6}"u8, out _, out _));
    }
}
