using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Syndication;

/// <summary>A feed as sent: its bytes and their strong tag.</summary>
internal sealed record FeedBody(byte[] Bytes, EntityTagHeaderValue ETag)
{
    // Strong: the tag is the hash of these exact bytes.
    public static FeedBody Of(byte[] bytes) =>
        new(bytes, new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(SHA256.HashData(bytes).AsSpan(0, 16))}\""));
}
