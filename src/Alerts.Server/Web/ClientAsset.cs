using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Web;

/// <summary>One page, script or stylesheet of the web client, held in memory with its gzip form and ETag.</summary>
internal sealed record ClientAsset(string Name, string ContentType, ReadOnlyMemory<byte> Content, ReadOnlyMemory<byte> Gzipped, EntityTagHeaderValue ETag);
