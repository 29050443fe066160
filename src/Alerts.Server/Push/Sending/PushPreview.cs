using System.Text.Json;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// The push part of a preview: the FCM <c>messages:send</c> bodies each target would get, in order (the
/// target shown as a placeholder), FCM's <c>validate_only</c> verdict on them, and the test send when asked for.
/// </summary>
/// <param name="Enabled">Whether this deployment pushes at all.</param>
/// <param name="Messages">Empty when the alert would not be pushed.</param>
/// <param name="Validation"><c>valid</c>, <c>invalid</c>, or <c>not checked</c> (push off, or nothing to push).</param>
/// <param name="Problems">What FCM said about each message it refused.</param>
/// <param name="Test">The test send's outcome, when <c>?send=test</c> asked for one.</param>
internal sealed record PushPreview(bool Enabled, IReadOnlyList<JsonElement> Messages, string Validation, IReadOnlyList<string> Problems, TestSend? Test);
