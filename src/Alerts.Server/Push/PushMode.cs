namespace Alerts.Server.Push;

/// <summary>How an alert finds phones: through FCM topics the apps subscribe to, or through the device registry here.</summary>
internal enum PushMode
{
    Topics,
    Devices,
}
