using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push;

/// <summary>Whether this node sends pushes, for <c>/readyz</c>.</summary>
internal sealed class PushStatus(IOptions<FcmOptions> fcm, IOptions<PushOptions> push)
{
    public bool IsEnabled => fcm.Value.IsEnabled;

    /// <summary><c>disabled</c>, or <c>enabled (topics)</c> / <c>enabled (devices)</c>.</summary>
    public string Describe() => IsEnabled ? $"enabled ({push.Value.Mode.ToString().ToLowerInvariant()})" : "disabled";
}
