namespace Alerts.Server.Tests.Web;

/// <summary>
/// The browser test classes share one Chromium and run one after another: two browsers at once on a
/// two-core machine would only make the "within a second" checks race each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
