using System.Text.RegularExpressions;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Deploy;

/// <summary>
/// <c>deploy/k8s</c> rendered by <c>kubectl kustomize</c> (what <c>kubectl apply -k</c> applies),
/// then read as YAML and checked against what a cluster needs and what the docs tell people to create.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    [Fact]
    public async Task TheKustomizationAppliesNoSecret()
    {
        var resources = await RenderAsync();

        Assert.DoesNotContain(resources, r => Yaml.Text(r, "kind") == "Secret");
        Assert.Superset(new HashSet<string> { "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget" },
            resources.Select(r => Yaml.Text(r, "kind")).ToHashSet());
    }

    [Fact]
    public async Task TheContainerIsPulledOnlyWhenMissingProbedAndScraped()
    {
        var resources = await RenderAsync();
        var pod = Yaml.Map(resources.Single(r => Yaml.Text(r, "kind") == "Deployment"), "spec", "template");
        var container = (Dictionary<object, object>)Yaml.List(pod, "spec", "containers").Single();

        Assert.Equal("IfNotPresent", Yaml.Text(container, "imagePullPolicy"));
        Assert.Equal("/readyz", Yaml.Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", Yaml.Text(container, "livenessProbe", "httpGet", "path"));

        var annotations = Yaml.Map(pod, "metadata", "annotations");
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        var ports = Yaml.List(container, "ports").Cast<Dictionary<object, object>>().Select(p => Yaml.Text(p, "containerPort"));
        Assert.Contains((string)annotations["prometheus.io/port"], ports);
    }

    [Fact]
    public async Task NodesLogJsonFromTheConfigMapTheyRead()
    {
        var resources = await RenderAsync();
        var container = (Dictionary<object, object>)Yaml.List(resources.Single(r => Yaml.Text(r, "kind") == "Deployment"), "spec", "template", "spec", "containers").Single();
        var configMap = resources.Single(r => Yaml.Text(r, "kind") == "ConfigMap");

        var configMapsRead = Yaml.List(container, "envFrom").Cast<Dictionary<object, object>>()
            .Select(source => Yaml.Find(source, "configMapRef", "name")).OfType<string>();
        Assert.Contains(Yaml.Text(configMap, "metadata", "name"), configMapsRead);
        Assert.Equal("json", Yaml.Text(configMap, "data", "Logging__Console__FormatterName"));
    }

    [Fact]
    public async Task EverySecretThePodNeedsIsMadeByTheDocumentedCommandAndPushIsOptional()
    {
        var resources = await RenderAsync();
        var podSpec = Yaml.Map(resources.Single(r => Yaml.Text(r, "kind") == "Deployment"), "spec", "template", "spec");
        var container = (Dictionary<object, object>)Yaml.List(podSpec, "containers").Single();
        var documented = await DocumentedSecretsAsync();

        var references = new List<(string Secret, string? Key, bool Optional)>();
        foreach (var source in Yaml.List(container, "envFrom").Cast<Dictionary<object, object>>())
        {
            if (Yaml.Find(source, "secretRef") is Dictionary<object, object> secret)
            {
                references.Add((Yaml.Text(secret, "name"), null, Yaml.Find(secret, "optional") as string == "true"));
            }
        }

        foreach (var variable in Yaml.List(container, "env").Cast<Dictionary<object, object>>())
        {
            if (Yaml.Find(variable, "valueFrom", "secretKeyRef") is Dictionary<object, object> secret)
            {
                references.Add((Yaml.Text(secret, "name"), Yaml.Text(secret, "key"), Yaml.Find(secret, "optional") as string == "true"));
            }
        }

        foreach (var volume in Yaml.List(podSpec, "volumes").Cast<Dictionary<object, object>>())
        {
            if (Yaml.Find(volume, "secret") is Dictionary<object, object> secret)
            {
                var optional = Yaml.Find(secret, "optional") as string == "true";
                var items = Yaml.Find(secret, "items") as List<object> ?? [];
                references.AddRange(items.Cast<Dictionary<object, object>>().Select(item => (Yaml.Text(secret, "secretName"), (string?)Yaml.Text(item, "key"), optional)));
            }
        }

        Assert.NotEmpty(references);
        foreach (var (secret, key, _) in references)
        {
            Assert.True(documented.TryGetValue(secret, out var keys), $"The pod reads Secret {secret}; no documented `kubectl create secret generic {secret}` makes it.");
            Assert.True(key is null || keys.Contains(key), $"The pod reads {secret}/{key}; the documented command makes only {string.Join(", ", keys)}.");
        }

        Assert.All(references.Where(r => r.Secret.Contains("fcm", StringComparison.Ordinal)), r => Assert.True(r.Optional, $"Push is optional, yet {r.Secret}/{r.Key} is required."));
    }

    private static async Task<IReadOnlyList<Dictionary<object, object>>> RenderAsync()
    {
        var rendered = await Shell.RunAsync("kubectl", ["kustomize", RepositoryRoot.Combine("deploy", "k8s")], RepositoryRoot.Path, TimeSpan.FromSeconds(60));
        rendered.AssertSucceeded("kubectl kustomize deploy/k8s");
        return Yaml.ReadDocuments(rendered.Output);
    }

    /// <summary>Secret name → keys, from the <c>kubectl create secret generic</c> commands the example files document.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> DocumentedSecretsAsync()
    {
        var secrets = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("deploy", "k8s"), "*.example.yaml"))
        {
            var comments = string.Join(' ', (await File.ReadAllLinesAsync(file)).Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim().TrimEnd('\\')));
            foreach (Match command in CreateSecret().Matches(comments))
            {
                secrets[command.Groups["name"].Value] = KeyArgument().Matches(command.Groups["arguments"].Value).Select(m => m.Groups[1].Value).ToHashSet();
            }
        }

        return secrets;
    }

    [GeneratedRegex(@"kubectl create secret generic (?<name>[a-z0-9-]+)(?<arguments>(\s+--from-(literal|file)=\S+)+)")]
    private static partial Regex CreateSecret();

    [GeneratedRegex(@"--from-(?:literal|file)=([^=\s]+)=")]
    private static partial Regex KeyArgument();
}
