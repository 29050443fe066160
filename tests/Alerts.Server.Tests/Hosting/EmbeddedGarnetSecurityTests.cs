using System.Net.Sockets;
using System.Text;
using Alerts.Server.Storage;
using Alerts.Server.EventLog;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Hosting;

/// <summary>The embedded store is shared with no other process: a password, owner-only files, and a relay that shows only real events.</summary>
public sealed class EmbeddedGarnetSecurityTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "alerts-garnet-locked-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dataDir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnUnauthenticatedConnectionToTheEmbeddedPortIsRefused()
    {
        await using var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix(), _dataDir);
        await node.Editor.PublishAsync("en", "A line another process must not read");
        var garnet = node.Services.GetRequiredService<EmbeddedGarnet>();

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", garnet.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("*2\r\n$4\r\nKEYS\r\n$1\r\n*\r\n"u8.ToArray());
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("-NOAUTH", Encoding.ASCII.GetString(buffer, 0, read));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheDataDirectoryAndItsFilesAreTheOwnersOnly()
    {
        Directory.CreateDirectory(_dataDir);
        File.SetUnixFileMode(_dataDir, (UnixFileMode)0b111_101_101);
        await using (var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix(), _dataDir))
        {
            await node.Editor.PublishAsync("en", "A line on disk");
        }

        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(_dataDir));
        var files = Directory.EnumerateFiles(_dataDir, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(file) & (UnixFileMode)0b111_111_111));
    }

    [Fact]
    public async Task AForgedPublishIsNotShownToATicker()
    {
        await using var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix(), _dataDir);
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("en", null);
        var channel = node.Services.GetRequiredService<RedisKeys>().Events("en");
        await using var intruder = await ConnectionMultiplexer.ConnectAsync(node.Services.GetRequiredService<EmbeddedGarnet>().ConnectionString);

        var forgeries = new[]
        {
            "FORGED plain text",
            "{\"seq\":1,\"type\":\"published\"}",
            "{\"seq\":1,\"type\":\"published\",\"edition\":\"ar\",\"at\":\"2026-01-01T00:00:00Z\",\"alert\":{\"id\":\"X\",\"edition\":\"ar\",\"headline\":\"FORGED edition\",\"author\":\"x\",\"publishedAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}}",
            "{\"seq\":1,\"type\":\"shouted\",\"edition\":\"en\",\"at\":\"2026-01-01T00:00:00Z\",\"alert\":{\"id\":\"X\",\"edition\":\"en\",\"headline\":\"FORGED type\",\"author\":\"x\",\"publishedAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}}",
        };
        foreach (var forgery in forgeries)
        {
            await intruder.GetSubscriber().PublishAsync(channel, forgery);
        }

        var real = await node.Editor.PublishAsync("en", "The real line");
        await ticker.WaitForSeqAsync("en", real.Seq);

        Assert.Equal(["The real line"], ticker.Received.Select(e => e.Alert.Headline));
    }
}
