using System.Diagnostics;
using System.Text.RegularExpressions;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Reference;

/// <summary>
/// Runs every example in docs/api.md marked <c>```sh runnable</c> (with bash) or <c>```js runnable</c>
/// (with node, as an async CommonJS module) against a real server, with <c>BASE</c>, <c>KEY</c> and <c>CHIEF_KEY</c> set
/// as the document tells readers to set them; each must exit 0.
/// </summary>
public sealed partial class ApiExamplesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (language, count) in Blocks().GroupBy(b => b.Language).Select(g => (g.Key, g.Count())))
        {
            for (var i = 0; i < count; i++)
            {
                data.Add(language, i);
            }
        }

        return data;
    }

    [Fact]
    public void TheReferenceHasRunnableCurlAndJavaScriptExamples()
    {
        var blocks = Blocks();
        Assert.True(blocks.Count(b => b.Language == "sh") >= 8, "too few runnable curl examples");
        Assert.True(blocks.Count(b => b.Language == "js") >= 3, "too few runnable JavaScript examples");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task TheExampleRunsAgainstARealServer(string language, int index)
    {
        var block = Blocks().Where(b => b.Language == language).ElementAt(index);
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var directory = Directory.CreateTempSubdirectory("alerts-example-");
        try
        {
            var start = language == "sh" ? Bash(block.Code, directory.FullName) : Node(block.Code, directory.FullName);
            start.Environment["BASE"] = node.BaseAddress.ToString().TrimEnd('/');
            start.Environment["KEY"] = TestKeys.Editor;
            // The document's key with the chief's powers (approval, the audit log): the test node's admin.
            start.Environment["CHIEF_KEY"] = TestKeys.Admin;
            var (exitCode, output) = await RunAsync(start, TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, $"docs/api.md line {block.Line} ({language}) exited {exitCode}:\n{block.Code}\n--- output ---\n{output}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static ProcessStartInfo Bash(string code, string directory)
    {
        var script = Path.Combine(directory, "example.sh");
        File.WriteAllText(script, code);
        return new ProcessStartInfo("bash", ["-euo", "pipefail", script]) { WorkingDirectory = directory };
    }

    private static ProcessStartInfo Node(string code, string directory)
    {
        var script = Path.Combine(directory, "example.cjs");
        File.WriteAllText(script, $"(async () => {{\n{code}\n}})().catch((error) => {{ console.error(error); process.exit(1); }});\n");
        var start = new ProcessStartInfo("node", [script]) { WorkingDirectory = directory };
        // The reader's `npm install @microsoft/signalr`: the web client's own copy.
        start.Environment["NODE_PATH"] = Path.Combine(RepositoryRoot, "src", "Alerts.Server", "Web", "ClientApp", "node_modules");
        return start;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static IReadOnlyList<(string Language, string Code, int Line)> Blocks()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "api.md"));
        return RunnableBlock().Matches(text)
            .Select(m => (m.Groups["language"].Value, m.Groups["code"].Value, text[..m.Index].Count(c => c == '\n') + 1))
            .ToList();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Alerts.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^```(?<language>sh|js) runnable\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RunnableBlock();
}
