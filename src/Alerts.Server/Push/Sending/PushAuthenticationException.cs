using Alerts.Server.Push.Fcm;

namespace Alerts.Server.Push.Sending;

/// <summary>FCM refused the credentials even after a fresh token: no send of the job can succeed, so the job stops.</summary>
internal sealed class PushAuthenticationException(FirebaseMessagingException inner)
    : Exception("FCM refused the service-account credentials after a token refresh.", inner);
