namespace Alerts.Server.Push.Targets;

/// <summary>
/// What storing a registration did: refused it, the store being at its <see cref="RegistrationCap"/> and the
/// device new (nothing stored), or stored it, replacing <see cref="Previous"/> if the device was registered.
/// </summary>
internal sealed record RegistryWrite(bool Refused, DeviceRegistration? Previous)
{
    public static readonly RegistryWrite Full = new(true, null);

    public static readonly RegistryWrite Added = new(false, null);
}
