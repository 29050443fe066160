using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Deploy;

/// <summary><c>deploy/compose.yaml</c> read as compose reads it (anchors merged), and its node health check run against a real node.</summary>
public sealed class ComposeTests
{
    private static readonly string[] Nodes = ["alerts-1", "alerts-2"];

    [Fact]
    public async Task OneImageIsBuiltOnceAndRunsBothNodes()
    {
        var services = await ServicesAsync();

        var builders = services.Where(s => Yaml.Find(s.Value, "build") is not null).Select(s => (string)s.Key).ToList();
        Assert.Equal(["alerts-1"], builders);
        Assert.Equal("deploy/Dockerfile", Yaml.Text(services["alerts-1"], "build", "dockerfile"));
        var image = Yaml.Text(services["alerts-1"], "image");
        Assert.All(Nodes, node => Assert.Equal(image, Yaml.Text(services[node], "image")));
        // The node that only runs the image must never fetch a stranger's image by that name.
        Assert.Equal("never", Yaml.Text(services["alerts-2"], "pull_policy"));
    }

    [Fact]
    public async Task NodesLogJsonAndAreHealthCheckedBeforeNginxSendsThemTraffic()
    {
        var services = await ServicesAsync();

        foreach (var node in Nodes)
        {
            Assert.Equal("json", Yaml.Text(services[node], "environment", "Logging__Console__FormatterName"));
            Assert.NotEmpty(Yaml.List(services[node], "healthcheck", "test"));
            Assert.Equal("service_healthy", Yaml.Text(services["nginx"], "depends_on", node, "condition"));
        }
    }

    [Fact]
    public async Task TheNodeHealthCheckPassesOnAReadyNodeAndFailsWhereNoneListens()
    {
        var services = await ServicesAsync();
        var test = Yaml.List(services["alerts-1"], "healthcheck", "test").Cast<string>().ToList();
        Assert.Equal(["CMD", "bash", "-c"], test[..3]);
        Assert.Contains("127.0.0.1/8080", test[3]);

        await using var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix());
        var ready = await Shell.RunAsync("bash", ["-c", test[3].Replace("/8080", $"/{node.BaseAddress.Port}")], Path.GetTempPath(), TimeSpan.FromSeconds(20));
        ready.AssertSucceeded("the health check against a ready node");

        await node.StopAsync();
        var stopped = await Shell.RunAsync("bash", ["-c", test[3].Replace("/8080", $"/{node.BaseAddress.Port}")], Path.GetTempPath(), TimeSpan.FromSeconds(20));
        Assert.NotEqual(0, stopped.ExitCode);
    }

    private static async Task<Dictionary<object, object>> ServicesAsync()
    {
        var compose = Yaml.ReadDocuments(await File.ReadAllTextAsync(RepositoryRoot.Combine("deploy", "compose.yaml"))).Single();
        return Yaml.Map(compose, "services");
    }
}
