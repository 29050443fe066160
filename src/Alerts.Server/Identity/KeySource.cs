namespace Alerts.Server.Identity;

/// <summary>Where an API key comes from: made in the app (managed there) or named in the configuration (read-only in the app).</summary>
internal enum KeySource
{
    App,
    Config,
}
