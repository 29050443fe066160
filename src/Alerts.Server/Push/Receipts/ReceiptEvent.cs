namespace Alerts.Server.Push.Receipts;

/// <summary>What an app reports about a push: it arrived on the device, or the reader opened it.</summary>
internal enum ReceiptEvent
{
    Received,
    Opened,
}
