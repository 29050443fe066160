namespace Alerts.Server.WebPush;

/// <summary>The body of <c>GET /api/v1/push/web</c>: the VAPID key to subscribe with and the worker to import.</summary>
internal sealed record WebPushKeyResponse(string PublicKey, string ServiceWorker);
