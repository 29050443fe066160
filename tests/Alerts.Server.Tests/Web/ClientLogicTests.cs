using System.Diagnostics;

namespace Alerts.Server.Tests.Web;

/// <summary>Runs the web client's own JavaScript tests (<c>node --test</c> in <c>Web/ClientApp/test</c>) as part of the suite.</summary>
public sealed class ClientLogicTests
{
    [Fact]
    public async Task TheClientsJavaScriptTestsPass()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "Alerts.Server", "Web", "ClientApp")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        using var node = Process.Start(new ProcessStartInfo("node", "--test test/")
        {
            WorkingDirectory = Path.Combine(directory.FullName, "src", "Alerts.Server", "Web", "ClientApp"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(node.ExitCode == 0, $"node --test failed:\n{await output}\n{await errors}");
        Assert.Contains("# fail 0", await output);
    }
}
