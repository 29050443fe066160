namespace Alerts.Server.Hosting;

/// <summary>This process's name among the nodes sharing one Redis: host, process and a random tail, so restarts count apart.</summary>
internal sealed class NodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Random.Shared.Next(0x10000):x4}";
}
