namespace Alerts.Server.Tests.Push.Fake;

/// <summary>One Instance ID <c>batchAdd</c> or <c>batchRemove</c> the fake received.</summary>
public sealed record TopicCall(string Action, string Topic, IReadOnlyList<string> Tokens);
