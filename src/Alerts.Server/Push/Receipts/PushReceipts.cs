namespace Alerts.Server.Push.Receipts;

/// <summary>
/// The delivery report's <c>receipts</c>: devices whose app reported the push received or opened, and the
/// share of the targeted devices that reported it received within 2 minutes of the first send.
/// </summary>
/// <param name="Received">Devices that reported the push received (an opened one counts as received too).</param>
/// <param name="Opened">Devices whose reader opened it.</param>
/// <param name="ReceivedWithin2Minutes">Devices that reported it received within 2 minutes of the first send.</param>
/// <param name="Targeted">Devices mode: the devices the alert's first push targeted (held ones included); topics mode: the registered devices that match it.</param>
/// <param name="ShareWithin2Minutes">Null until something was targeted.</param>
internal sealed record PushReceipts(long Received, long Opened, long ReceivedWithin2Minutes, long Targeted, double? ShareWithin2Minutes)
{
    /// <summary>The counts with their share (at most 1: the counts are estimates, and a device may report that was not targeted).</summary>
    public static PushReceipts Of(long received, long opened, long onTime, long targeted) =>
        new(received, opened, onTime, targeted, targeted > 0 ? Math.Min(1, (double)onTime / targeted) : null);
}
