namespace Alerts.Server.Outbox;

/// <summary>Which configuration section an outlet's <see cref="OutletOptions"/> (named <paramref name="Name"/>) are read from.</summary>
internal sealed record OutletSection(string Name, string Section);
