using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Deploy;

/// <summary>
/// <c>deploy/Dockerfile</c> from a clean clone, since no container engine can pull base images
/// here: the build stages' commands in order, with the tools those stages install.
/// </summary>
[Collection(HeavyBuildCollection.Name)]
public sealed class DockerfileBuildTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("alerts-dockerfile-").FullName;

    [Fact]
    public async Task TheBuildStagesPublishTheServerWithItsBundlesFromACleanClone()
    {
        var stages = DockerfileReplay.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("deploy", "Dockerfile")));
        var runtime = stages[^1];
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", runtime.Image);
        Assert.Contains(runtime.Instructions, i => i.Keyword == "USER" && i.Arguments is not ("root" or "0"));

        var clone = Path.Combine(_scratch, "clone");
        (await Shell.RunAsync("git", ["clone", "--quiet", "--no-local", RepositoryRoot.Path, clone], _scratch, TimeSpan.FromMinutes(2)))
            .AssertSucceeded("git clone");

        var replay = new DockerfileReplay(clone, _scratch);
        for (var i = 0; i < stages.Count - 1; i++)
        {
            await replay.RunAsync(stages[i], IsToolInstallation, TimeSpan.FromMinutes(8), stages.Take(i).ToList());
        }

        // What the runtime stage takes from the build: the published server, bundles embedded.
        var copy = runtime.Instructions.Single(i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=", StringComparison.Ordinal));
        var parts = copy.Arguments.Split(' ');
        var published = replay.PathIn(stages.Single(s => s.Name == parts[0]["--from=".Length..]), parts[1]);
        var server = Path.Combine(published, "Alerts.Server.dll");
        Assert.True(File.Exists(server), $"{copy.Arguments}: no Alerts.Server.dll in {published}.");
        Assert.Superset(new HashSet<string> { "client/ticker.js", "client/console.js" }, EmbeddedResources(server));
        Assert.False(Directory.Exists(Path.Combine(published, "node_modules")), "npm's packages were published into the image.");
    }

    [Fact]
    public async Task TheBuildContextLeavesOutADevelopersWorkingFiles()
    {
        var ignored = (await File.ReadAllLinesAsync(RepositoryRoot.Combine(".dockerignore")))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();

        foreach (var pattern in new[] { "data/", "**/node_modules/", "**/obj/", "**/bin/" })
        {
            Assert.Contains(pattern, ignored);
        }
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    /// <summary>
    /// The stage's own package installation is not replayed; the same packages are what test.sh
    /// installs on this machine, so their commands must be here.
    /// </summary>
    private static bool IsToolInstallation(string command)
    {
        if (!command.Contains("apt-get install", StringComparison.Ordinal))
        {
            return false;
        }

        var packages = command[(command.IndexOf("apt-get install", StringComparison.Ordinal) + "apt-get install".Length)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(word => word != "&&")
            .Where(word => !word.StartsWith('-'));
        foreach (var package in packages)
        {
            var tool = package == "nodejs" ? "node" : package;
            Assert.True(
                Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, tool))),
                $"The build stage installs {package}, and this machine has no {tool} to replay it with.");
        }

        return true;
    }

    private static HashSet<string> EmbeddedResources(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        return metadata.ManifestResources.Select(handle => metadata.GetString(metadata.GetManifestResource(handle).Name)).ToHashSet();
    }
}
