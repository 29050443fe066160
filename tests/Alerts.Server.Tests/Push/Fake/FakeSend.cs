using System.Text.Json;

namespace Alerts.Server.Tests.Push.Fake;

/// <summary>A <c>messages:send</c> the fake received: the message and how many times its target was sent to so far.</summary>
public sealed record FakeSend(JsonElement Message, string Target, int Attempt)
{
    public string? Token => Message.TryGetProperty("token", out var t) ? t.GetString() : null;

    public string? Condition => Message.TryGetProperty("condition", out var c) ? c.GetString() : null;

    public string? AlertId => Message.TryGetProperty("data", out var d) && d.TryGetProperty("alertId", out var a) ? a.GetString() : null;

    public string? Type => Message.TryGetProperty("data", out var d) && d.TryGetProperty("type", out var t) ? t.GetString() : null;
}
