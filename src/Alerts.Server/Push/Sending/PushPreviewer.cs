using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Server.Push.Fcm;
using Alerts.Server.Push.Targets;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Sending;

/// <summary>Builds an alert's would-be push exactly as the job would, checks it with FCM without sending, and sends it to the test devices on request.</summary>
internal sealed class PushPreviewer(PushStatus status, PushMessages messages, IFirebaseMessaging fcm, IOptions<PushOptions> options, TimeProvider time)
{
    private const string TargetPlaceholder = "{target}";

    public async Task<PushPreview> PreviewAsync(Alert alert, bool sendToTestDevices, CancellationToken cancellationToken)
    {
        var alertEvent = new AlertEvent { Type = AlertEventType.Published, Edition = alert.Edition, At = alert.PublishedAt, Alert = alert };
        var built = alert.Push ? messages.For(alertEvent, time.GetUtcNow()) ?? [] : [];
        var bodies = built.Select(m => Body(options.Value.Mode == PushMode.Devices ? m with { Token = TargetPlaceholder } : m with { Condition = TargetPlaceholder }))
            .ToList();
        if (!status.IsEnabled || built.Count == 0)
        {
            return new PushPreview(status.IsEnabled, bodies, "not checked", [], null);
        }

        // validate_only needs a real-looking target; the alert's own topic condition is one FCM accepts in either mode.
        var condition = PushTopics.Conditions(PushTopics.For(alert))[0];
        var problems = new List<string>();
        foreach (var message in built)
        {
            try
            {
                await fcm.ValidateAsync(message with { Condition = condition }, cancellationToken);
            }
            catch (FirebaseMessagingException e)
            {
                problems.Add(e.Message);
            }
        }

        var test = sendToTestDevices ? await SendToTestDevicesAsync(built, cancellationToken) : null;
        return new PushPreview(true, bodies, problems.Count == 0 ? "valid" : "invalid", problems, test);
    }

    /// <summary>Each test device gets the messages in order, marked as a test in the data and the title, straight to FCM (no queue).</summary>
    private async Task<TestSend> SendToTestDevicesAsync(IReadOnlyList<Message> built, CancellationToken cancellationToken)
    {
        var tokens = options.Value.TestTokens;
        var failures = new List<string>();
        foreach (var token in tokens)
        {
            try
            {
                foreach (var message in built)
                {
                    await fcm.SendAsync(MarkedAsTest(message) with { Token = token }, cancellationToken);
                }
            }
            catch (FirebaseMessagingException e)
            {
                failures.Add($"{LoggedToken.Of(token)}: {e.Message}");
            }
        }

        return new TestSend(tokens.Count, tokens.Count - failures.Count, failures);
    }

    private static Message MarkedAsTest(Message message) => message with
    {
        Data = new Dictionary<string, string>(message.Data ?? new Dictionary<string, string>()) { ["test"] = "1" },
        Notification = message.Notification is { } notification ? notification with { Title = $"[TEST] {notification.Title}" } : null,
    };

    private static JsonElement Body(Message message)
    {
        using var document = JsonDocument.Parse(FcmMessageWriter.WriteSendRequest(message));
        return document.RootElement.Clone();
    }
}
