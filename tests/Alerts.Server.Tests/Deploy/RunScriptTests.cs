using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Deploy;

/// <summary>
/// <c>./run.sh</c> up to the moment it hands over to <c>dotnet run</c>: a stand-in <c>dotnet</c>
/// first on PATH records what it was asked to start, so the key file, the listen address and the
/// messages are checked without building the server again.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RunScriptTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _scratch = Directory.CreateTempSubdirectory("alerts-run-sh-").FullName;

    [Fact]
    public async Task TheDevKeyIsPrivateAndTheServerListensOnLoopbackByDefault()
    {
        var (outcome, arguments, environment) = await RunAsync(new Dictionary<string, string?> { ["PORT"] = "18080" });

        outcome.AssertSucceeded("run.sh");
        Assert.Equal(["run", "--project", "src/Alerts.Server", "-c", "Release", "--", "--urls", "http://127.0.0.1:18080"], arguments);

        var dataDir = Path.Combine(_scratch, "data");
        var keyFile = Path.Combine(dataDir, "dev-editor-key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));

        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        Assert.True(key.Length >= 24, $"The key is too short to be a secret: '{key}'.");
        Assert.Contains($"Alerts__ApiKeys__newsroom__Sha256={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}", environment);
        Assert.Contains($"Alerts__DataDir={dataDir}", environment);
        Assert.Contains("http://127.0.0.1:18080/console", outcome.Output);
    }

    [Fact]
    public async Task TheKeyIsNamedByItsFileAndNeverPrinted()
    {
        var (outcome, _, _) = await RunAsync(new Dictionary<string, string?> { ["PORT"] = "18082" });

        outcome.AssertSucceeded("run.sh");
        var keyFile = Path.Combine(_scratch, "data", "dev-editor-key");
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        Assert.DoesNotContain(key, outcome.Output, StringComparison.Ordinal);
        Assert.Contains(keyFile, outcome.Output, StringComparison.Ordinal);
        Assert.Contains($"Authorization: Bearer $(cat '{keyFile}')", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostChoosesTheListenAddressAndTheConsoleIsNamedAtLocalhost()
    {
        var (outcome, arguments, _) = await RunAsync(new Dictionary<string, string?> { ["HOST"] = "0.0.0.0", ["PORT"] = "18081" });

        outcome.AssertSucceeded("run.sh");
        Assert.Equal("http://0.0.0.0:18081", arguments[^1]);
        Assert.Contains("http://localhost:18081/console", outcome.Output);
    }

    [Fact]
    public async Task ASecondStartKeepsTheKey()
    {
        await RunAsync(new Dictionary<string, string?>());
        var keyFile = Path.Combine(_scratch, "data", "dev-editor-key");
        var first = await File.ReadAllTextAsync(keyFile);

        (await RunAsync(new Dictionary<string, string?>())).Outcome.AssertSucceeded("run.sh");

        Assert.Equal(first, await File.ReadAllTextAsync(keyFile));
    }

    [Fact]
    public async Task WithoutDotnetItSaysHowToGetTheSdk()
    {
        // Only what the script needs before it looks for dotnet.
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bare-bin")).FullName;
        foreach (var tool in new[] { "bash", "dirname", "cat" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), ResolveOnPath(tool));
        }

        var outcome = await Shell.RunAsync("/bin/bash", [RepositoryRoot.Combine("run.sh")], _scratch, Timeout, new Dictionary<string, string?>
        {
            ["PATH"] = bin,
            ["ALERTS_DATA_DIR"] = Path.Combine(_scratch, "data"),
        });

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("dotnet-sdk-10.0", outcome.Output);
        Assert.Contains("dotnet-install.sh", outcome.Output);
        Assert.False(Directory.Exists(Path.Combine(_scratch, "data")), "run.sh made the data directory before it knew it could start.");
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private async Task<(Shell.Outcome Outcome, string[] Arguments, string[] Environment)> RunAsync(Dictionary<string, string?> environment)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        var stub = Path.Combine(bin, "dotnet");
        var argumentsFile = Path.Combine(_scratch, "dotnet-arguments");
        var environmentFile = Path.Combine(_scratch, "dotnet-environment");
        await File.WriteAllTextAsync(stub, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{argumentsFile}'\nenv > '{environmentFile}'\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        environment["ALERTS_DATA_DIR"] = Path.Combine(_scratch, "data");
        environment.TryAdd("HOST", null);
        // The caller's umask is the usual 022: the script, not the caller, must keep the key private.
        var outcome = await Shell.RunAsync("/bin/bash", ["-c", "umask 022 && exec bash \"$0\"", RepositoryRoot.Combine("run.sh")], _scratch, Timeout, environment);
        var arguments = File.Exists(argumentsFile) ? await File.ReadAllLinesAsync(argumentsFile) : [];
        var seen = File.Exists(environmentFile) ? await File.ReadAllLinesAsync(environmentFile) : [];
        return (outcome, arguments, seen);
    }

    private static string ResolveOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException($"{tool} is not on PATH.");
}
