using System.Diagnostics;
using System.Text;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Identity;

/// <summary>
/// npm's <c>oidc-provider</c> on a loopback port (<c>Identity/Provider/provider.mjs</c>), with the people alice (chief of
/// <c>ar</c> and editor), ally (chief of <c>ar</c>, and also called "Alice Chief"), bob (editor), dana (admin) and carol (no newsroom group). The test build installs its package (see the csproj).
/// </summary>
public sealed class IdentityProviderProcess : IAsyncDisposable
{
    public const string ClientId = "alerts";
    public const string ClientSecret = "alerts-test-client-secret";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private IdentityProviderProcess(Process process, int port)
    {
        _process = process;
        Issuer = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Issuer { get; }

    /// <summary>Starts the provider on <paramref name="port"/>, accepting sign-ins for the servers at <paramref name="clients"/>.</summary>
    public static async Task<IdentityProviderProcess> StartAsync(int port, params Uri[] clients)
    {
        var directory = RepositoryRoot.Combine("tests", "Alerts.Server.Tests", "Identity", "Provider");
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "provider.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), ClientSecret }
            .Concat(clients.Select(c => c.ToString().TrimEnd('/'))))
        {
            start.ArgumentList.Add(argument);
        }

        var provider = new IdentityProviderProcess(Process.Start(start) ?? throw new InvalidOperationException("node did not start."), port);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider._process.OutputDataReceived += (_, e) =>
        {
            provider.Append(e.Data);
            if (e.Data?.StartsWith("listening", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        provider._process.ErrorDataReceived += (_, e) => provider.Append(e.Data);
        provider._process.BeginOutputReadLine();
        provider._process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await provider.DisposeAsync();
            throw new InvalidOperationException($"oidc-provider did not listen:\n{provider.Output}");
        }

        return provider;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
