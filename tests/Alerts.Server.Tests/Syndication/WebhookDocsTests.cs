using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Syndication;

/// <summary>The shell examples of <c>docs/webhooks.md</c> marked as run here, run as written against a real node and receiver.</summary>
public sealed partial class WebhookDocsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9E5/6QoYJ7Q=";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheDocumentedExamplesRunAsWritten()
    {
        var examples = await ExamplesAsync();
        Assert.Equal(3, examples.Count);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:wire:Url"] = receiver.Url.ToString(),
            ["Alerts:Webhooks:wire:Secret"] = Secret,
            ["Alerts:Webhooks:wire:Editions:0"] = "en",
            ["Alerts:WebhookDelivery:PollInterval"] = "00:00:00.050",
        });
        var environment = new Dictionary<string, string?>
        {
            ["ALERTS"] = node.BaseAddress.ToString().TrimEnd('/'),
            ["KEY"] = TestKeys.Admin,
            ["SECRET"] = Secret,
        };

        var deliveryLog = await RunAsync(examples[1], environment);
        var report = JsonDocument.Parse(deliveryLog).RootElement;
        Assert.Equal("delivered", report.GetProperty("deliveries")[0].GetProperty("outcome").GetString());
        Assert.Equal(1, report.GetProperty("cursors").GetProperty("en").GetInt64());

        var received = Assert.Single(receiver.Received);
        environment["WEBHOOK_ID"] = received.Id;
        environment["WEBHOOK_TIMESTAMP"] = received.Timestamp;
        environment["BODY"] = Encoding.UTF8.GetString(received.Body);
        Assert.Equal(received.Signature, (await RunAsync(examples[0], environment)).Trim());

        var feeds = await RunAsync(examples[2], environment);
        Assert.Contains("\"version\":\"https://jsonfeed.org/version/1.1\"", feeds, StringComparison.Ordinal);
        Assert.Equal("304", feeds.Trim().Split('\n')[^1]);
    }

    private static async Task<string> RunAsync(string script, IDictionary<string, string?> environment) =>
        (await Shell.RunAsync("/bin/bash", ["-euo", "pipefail", "-c", script], Path.GetTempPath(), Timeout, environment))
            .AssertSucceeded($"the example\n{script}\n").Output;

    private static async Task<IReadOnlyList<string>> ExamplesAsync()
    {
        var markdown = await File.ReadAllTextAsync(RepositoryRoot.Combine("docs", "webhooks.md"));
        return MarkedExample().Matches(markdown).Select(m => m.Groups["script"].Value).ToList();
    }

    [GeneratedRegex(@"<!-- runs in tests/Alerts\.Server\.Tests/Syndication/WebhookDocsTests\.cs -->\r?\n```sh\r?\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkedExample();
}
