namespace Alerts.Server.Push.Fcm;

/// <summary>The part of FirebaseAdmin's <c>FirebaseMessaging</c> the push feature uses, with the same shape.</summary>
internal interface IFirebaseMessaging
{
    /// <summary>Sends one message; returns FCM's message name, or throws <see cref="FirebaseMessagingException"/>.</summary>
    Task<string> SendAsync(Message message, CancellationToken cancellationToken);

    /// <summary>Sends each message concurrently; a failed message is a failed response, not an exception.</summary>
    Task<BatchResponse> SendEachAsync(IEnumerable<Message> messages, CancellationToken cancellationToken);

    Task<TopicManagementResponse> SubscribeToTopicAsync(IReadOnlyList<string> registrationTokens, string topic, CancellationToken cancellationToken);

    Task<TopicManagementResponse> UnsubscribeFromTopicAsync(IReadOnlyList<string> registrationTokens, string topic, CancellationToken cancellationToken);
}
