using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push;

/// <summary>Nodes wired to a fake FCM with short polls, leases and backoffs, and a polling wait for asynchronous effects.</summary>
public static class PushNodes
{
    /// <summary>A node on <paramref name="redis"/>, or on its own embedded Garnet when that is null.</summary>
    public static Task<AlertsNode> StartAsync(RedisFixture? redis, string prefix, FakeFcm fake, IDictionary<string, string?>? extra = null)
    {
        var settings = fake.Settings();
        settings["Alerts:Push:PollInterval"] = "00:00:00.100";
        settings["Alerts:Push:LeaseDuration"] = "00:00:02";
        settings["Alerts:Push:RetryDelay"] = "00:00:00.050";
        settings["Alerts:Push:QuotaBackoff"] = "00:00:00.200";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return AlertsNode.StartAsync(redis?.ConnectionString, prefix, settings: settings);
    }

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition().WaitAsync(TimeSpan.FromSeconds(10)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
