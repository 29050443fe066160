namespace Alerts.Server.Fanout;

/// <summary>A subscription the feed will not serve (an unknown edition, a spent replay budget); each transport tells its client in its own words.</summary>
internal sealed class SubscriptionRefusedException(string message) : Exception(message);
