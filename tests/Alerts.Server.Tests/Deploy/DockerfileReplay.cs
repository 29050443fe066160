using System.Text.RegularExpressions;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Deploy;

/// <summary>
/// Replays the build stages of a Dockerfile without a container engine: each stage gets its own
/// directory standing for its filesystem root; WORKDIR, ENV, COPY (from the context or an
/// earlier stage) and RUN are carried out in order on this machine's tools. The package
/// installation that gives a stage its tools is not run; the test checks those tools are here.
/// </summary>
public sealed partial class DockerfileReplay(string context, string scratch)
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string Image, string Name, IReadOnlyList<Instruction> Instructions);

    public static IReadOnlyList<Stage> Parse(string dockerfile)
    {
        var logical = Regex.Replace(dockerfile, @"\\\r?\n(\s*#.*\r?\n)*", " ");
        var stages = new List<Stage>();
        List<Instruction>? instructions = null;
        foreach (var line in logical.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ');
            var keyword = line[..space].ToUpperInvariant();
            var arguments = Regex.Replace(line[(space + 1)..], @"\s+", " ").Trim();
            if (keyword == "FROM")
            {
                var parts = arguments.Split(' ');
                instructions = [];
                stages.Add(new Stage(parts[0], parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : $"{stages.Count}", instructions));
                continue;
            }

            (instructions ?? throw new Xunit.Sdk.XunitException($"'{line}' comes before any FROM.")).Add(new Instruction(keyword, arguments));
        }

        return stages;
    }

    /// <summary>Where a stage's absolute path lives on this machine.</summary>
    public string PathIn(Stage stage, string absolutePath) => Path.Combine(scratch, "stages", stage.Name, absolutePath.TrimStart('/'));

    public async Task RunAsync(Stage stage, Func<string, bool> isToolInstallation, TimeSpan timeoutPerCommand, IReadOnlyList<Stage> earlier)
    {
        var workdir = PathIn(stage, "/");
        Directory.CreateDirectory(workdir);
        var environment = CleanEnvironment();
        foreach (var instruction in stage.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = instruction.Arguments.StartsWith('/') ? PathIn(stage, instruction.Arguments) : Path.Combine(workdir, instruction.Arguments);
                    Directory.CreateDirectory(workdir);
                    break;
                case "ENV":
                    foreach (Match pair in EnvPair().Matches(instruction.Arguments))
                    {
                        environment[pair.Groups[1].Value] = pair.Groups[2].Value;
                    }

                    break;
                case "COPY":
                    Copy(instruction.Arguments, workdir, stage, earlier);
                    break;
                case "RUN" when isToolInstallation(instruction.Arguments):
                    break;
                case "RUN":
                    Assert.False(
                        AbsolutePath().IsMatch(instruction.Arguments),
                        $"RUN {instruction.Arguments}\nnames an absolute path; this replay (and a reader) can only follow paths relative to WORKDIR.");
                    (await Shell.RunAsync("/bin/bash", ["-euo", "pipefail", "-c", instruction.Arguments], workdir, timeoutPerCommand, environment))
                        .AssertSucceeded($"RUN {instruction.Arguments}");
                    break;
                case "ARG" or "LABEL" or "EXPOSE" or "VOLUME" or "USER" or "ENTRYPOINT" or "CMD" or "HEALTHCHECK" or "SHELL" or "STOPSIGNAL":
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"The replay does not know {instruction.Keyword}.");
            }
        }
    }

    private void Copy(string arguments, string workdir, Stage stage, IReadOnlyList<Stage> earlier)
    {
        var parts = arguments.Split(' ').ToList();
        var from = parts.FirstOrDefault(p => p.StartsWith("--from=", StringComparison.Ordinal));
        parts.RemoveAll(p => p.StartsWith("--", StringComparison.Ordinal));
        var destination = parts[^1].StartsWith('/') ? PathIn(stage, parts[^1]) : Path.Combine(workdir, parts[^1]);
        var intoDirectory = parts[^1].EndsWith('/') || parts.Count > 2;
        foreach (var source in parts[..^1])
        {
            var sourcePath = from is null
                ? Path.Combine(context, source)
                : PathIn(earlier.Single(s => s.Name == from["--from=".Length..]), source);
            if (Directory.Exists(sourcePath))
            {
                CopyDirectory(sourcePath, destination);
            }
            else
            {
                Assert.True(File.Exists(sourcePath), $"COPY {arguments}: {source} is not in the {(from is null ? "build context" : "stage")}.");
                var target = intoDirectory ? Path.Combine(destination, Path.GetFileName(sourcePath)) : destination;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(sourcePath, target, overwrite: true);
            }
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>
    /// This test's own process runs under dotnet test: MSBuild's variables would steer the nested
    /// build, and its build servers would outlive the test.
    /// </summary>
    private static Dictionary<string, string?> CleanEnvironment()
    {
        var environment = new Dictionary<string, string?>();
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) && name != "DOTNET_ROOT")
            {
                environment[name] = null;
            }
        }

        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return environment;
    }

    [GeneratedRegex(@"(\w+)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"(^|[\s=])/[A-Za-z]")]
    private static partial Regex AbsolutePath();
}
