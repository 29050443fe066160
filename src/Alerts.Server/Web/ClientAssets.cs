using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Web;

/// <summary>
/// The web client as built into this assembly: the pages, and the ticker and console bundles that the
/// build makes with esbuild. Embedded rather than read from disk, so every host (tests, containers,
/// <c>dotnet run</c>) serves the same bytes without a content root to get right.
/// </summary>
internal sealed class ClientAssets
{
    private const string ResourcePrefix = "client/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private readonly Dictionary<string, ClientAsset> _assets = new(StringComparer.Ordinal);

    public ClientAssets()
    {
        var assembly = typeof(ClientAssets).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var content = new MemoryStream();
            stream.CopyTo(content);
            var name = resource[ResourcePrefix.Length..];
            _assets[name] = Load(name, content.ToArray());
        }
    }

    /// <summary>The asset named <paramref name="name"/>; a missing one means a broken build, so it throws.</summary>
    public ClientAsset this[string name] =>
        _assets.TryGetValue(name, out var asset) ? asset : throw new InvalidOperationException($"The web client asset '{name}' is not built into the server.");

    private static ClientAsset Load(string name, byte[] content)
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }

        var hash = Convert.ToBase64String(SHA256.HashData(content), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return new ClientAsset(name, contentType, content, gzipped.ToArray(), new EntityTagHeaderValue($"\"{hash}\""));
    }
}
