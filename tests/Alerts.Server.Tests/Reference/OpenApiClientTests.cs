using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Reference;

/// <summary>
/// The OpenAPI document as tools see it: a real validator (<c>@readme/openapi-parser</c>) accepts it,
/// and a client generated from it (<c>openapi-typescript</c>, compiled with <c>tsc</c>, calling through
/// <c>openapi-fetch</c>) publishes, corrects and retracts against a running server. The npm packages
/// are pinned in <c>OpenApiClient/package.json</c> and its lock file; test.sh installs them.
/// </summary>
public sealed class OpenApiClientTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string Project = RepositoryRoot.Combine("tests", "Alerts.Server.Tests", "Reference", "OpenApiClient");
    private readonly string _scratch = Directory.CreateTempSubdirectory("alerts-openapi-client-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task AValidatorAcceptsTheDocument()
    {
        await EnsurePackagesAsync();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var document = await SaveDocumentAsync(node);

        (await Shell.RunAsync("node", [Path.Combine(Project, "validate.mjs"), document], Project, Timeout)).AssertSucceeded("@readme/openapi-parser");
    }

    [Fact]
    public async Task AGeneratedTypedClientPublishesCorrectsAndRetracts()
    {
        await EnsurePackagesAsync();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var document = await SaveDocumentAsync(node);
        foreach (var file in new[] { "package.json", "tsconfig.json", "client.ts" })
        {
            File.Copy(Path.Combine(Project, file), Path.Combine(_scratch, file));
        }

        Directory.CreateSymbolicLink(Path.Combine(_scratch, "node_modules"), Path.Combine(Project, "node_modules"));
        (await Shell.RunAsync("node", [Path.Combine("node_modules", "openapi-typescript", "bin", "cli.js"), document, "-o", "alerts.d.ts"], _scratch, Timeout))
            .AssertSucceeded("openapi-typescript");
        (await Shell.RunAsync("node", [Path.Combine("node_modules", "typescript", "bin", "tsc"), "-p", "."], _scratch, Timeout)).AssertSucceeded("tsc");

        var run = (await Shell.RunAsync("node", [Path.Combine("dist", "client.js")], _scratch, Timeout, new Dictionary<string, string?>
        {
            ["ALERTS_BASE"] = node.BaseAddress.ToString().TrimEnd('/'),
            ["ALERTS_KEY"] = TestKeys.Editor,
        })).AssertSucceeded("the generated client");

        var result = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(201, result.GetProperty("published").GetInt32());
        Assert.Equal("Typed client: corrected", result.GetProperty("correctedHeadline").GetString());
        Assert.Equal(2, result.GetProperty("correctedVersion").GetInt32());
        Assert.Equal("retracted", result.GetProperty("retracted").GetString());
        var stored = await node.Public.GetJsonAsync($"/api/v1/alerts/{result.GetProperty("id").GetString()}");
        Assert.Equal("retracted", stored.GetProperty("status").GetString());
    }

    private static async Task EnsurePackagesAsync()
    {
        if (!Directory.Exists(Path.Combine(Project, "node_modules", "openapi-typescript")))
        {
            (await Shell.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Project, TimeSpan.FromMinutes(5))).AssertSucceeded("npm ci");
        }
    }

    private async Task<string> SaveDocumentAsync(AlertsNode node)
    {
        var path = Path.Combine(_scratch, "openapi.json");
        await File.WriteAllTextAsync(path, (await node.Public.GetJsonAsync("/api/v1/openapi.json")).GetRawText());
        return path;
    }
}
