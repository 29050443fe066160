using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.Tests.Syndication;

/// <summary>
/// A receiver's check, written from the Standard Webhooks specification rather than from the
/// server's code: the secret is the base64 after <c>whsec_</c>; the signed content is
/// <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>; <c>webhook-signature</c> is a
/// space-separated list of <c>{version},{base64 signature}</c> and passes when any <c>v1</c> entry
/// equals the HMAC-SHA256 (compared in constant time); the timestamp must be within five minutes.
/// </summary>
public sealed class StandardWebhooksVerifier(string secret)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private readonly byte[] _key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);

    public bool Verify(ReceivedWebhook received, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(received.Id) || !long.TryParse(received.Timestamp, out var seconds))
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var content = Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.").Concat(received.Body).ToArray();
        var expected = HMACSHA256.HashData(_key, content);
        foreach (var entry in received.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0 || entry[..comma] != "v1")
            {
                continue;
            }

            var signature = new byte[64];
            if (Convert.TryFromBase64String(entry[(comma + 1)..], signature, out var length)
                && CryptographicOperations.FixedTimeEquals(signature.AsSpan(0, length), expected))
            {
                return true;
            }
        }

        return false;
    }
}
