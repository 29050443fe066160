namespace Alerts.Server.Hosting.PublicAddress;

/// <summary><c>Alerts:PublicBaseUrl</c>: the absolute address readers use, from which every absolute link the node writes is built.</summary>
internal sealed class PublicAddressOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Such as <c>https://alerts.example</c> (a path is kept: <c>https://example.org/alerts</c>). Unset: links are relative, or built on the first <c>AllowedHosts</c> entry.</summary>
    public Uri? PublicBaseUrl { get; set; }
}
