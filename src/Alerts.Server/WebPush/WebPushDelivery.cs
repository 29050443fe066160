using Alerts.Server.Push.Receipts;

namespace Alerts.Server.WebPush;

/// <summary>The delivery report's <c>webPush</c>: the receipts of the browsers Web Push showed the alert on (its sends are the <c>webpush</c> outlet's).</summary>
internal sealed record WebPushDelivery(PushReceipts Receipts);
