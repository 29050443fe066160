namespace Alerts.Server.Push.Receipts;

/// <summary>One app's report about one alert's push; <paramref name="DeviceId"/> is what makes a replay count once.</summary>
internal sealed record Receipt(string AlertId, ReceiptEvent Event, string Platform, string DeviceId);
