using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>,
/// keyed with the bytes the <c>whsec_</c> secret's base64 stands for.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string Sign(byte[] key, string messageId, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    public static byte[]? TryDecodeSecret(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var encoded = secret[SecretPrefix.Length..];
        var bytes = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, bytes, out var written) ? bytes[..written] : null;
    }
}
