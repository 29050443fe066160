using Alerts.Server.Push.Targets;

namespace Alerts.Server.WebPush;

/// <summary>A browser registered for Web Push: what it wants, as a phone's registration says it (its token is the subscription's id), and where it is reached.</summary>
internal sealed record WebPushDevice(DeviceRegistration Registration, WebPushSubscription Subscription);
