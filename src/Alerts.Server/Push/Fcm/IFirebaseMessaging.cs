namespace Alerts.Server.Push.Fcm;

/// <summary>The part of FirebaseAdmin's <c>FirebaseMessaging</c> the push feature uses, with the same shape.</summary>
internal interface IFirebaseMessaging
{
    /// <summary>Sends one message; returns FCM's message name, or throws <see cref="FirebaseMessagingException"/>.</summary>
    Task<string> SendAsync(Message message, CancellationToken cancellationToken);

    /// <summary>FCM checks the message as it would send it (<c>validate_only</c>) and sends nothing; throws what a send would.</summary>
    Task<string> ValidateAsync(Message message, CancellationToken cancellationToken);

    Task<TopicManagementResponse> SubscribeToTopicAsync(IReadOnlyList<string> registrationTokens, string topic, CancellationToken cancellationToken);

    Task<TopicManagementResponse> UnsubscribeFromTopicAsync(IReadOnlyList<string> registrationTokens, string topic, CancellationToken cancellationToken);
}
